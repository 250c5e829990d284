// Words that mean the same thing to a customer, across English and Indonesian.
// A question's term is covered when the knowledge has any word of its group,
// so "Berapa harga sewa?" finds "Rent: IDR 25 million per month".
import { stem } from "./text";

const GROUPS: string[][] = [
  ["price", "cost", "fee", "fees", "charge", "tariff", "rate", "harga", "biaya", "tarif", "ongkos", "bayar"],
  ["house", "home", "rumah", "hunian"],
  ["apartment", "flat", "apartemen", "unit", "condo", "kondominium"],
  ["rent", "rental", "lease", "sewa", "kontrak"],
  ["buy", "purchase", "beli", "membeli"],
  ["sell", "sale", "jual", "dijual"],
  ["office", "kantor"],
  // Asking when something closes is asking for its opening hours.
  ["open", "opening", "buka", "close", "closed", "closing", "tutup", "hour", "hours", "jam", "waktu", "operasional"],
  ["address", "location", "located", "alamat", "lokasi", "letak", "jalan", "jl", "street", "road", "floor", "lantai", "gedung", "building"],
  ["room", "bedroom", "kamar"],
  ["bathroom", "kamar mandi", "toilet"],
  ["land", "plot", "tanah", "lahan"],
  ["area", "size", "luas", "ukuran"],
  ["month", "monthly", "bulan", "bulanan"],
  ["year", "yearly", "annual", "tahun", "tahunan"],
  ["week", "minggu", "pekan"],
  ["day", "days", "hari"],
  ["free", "gratis", "cuma"],
  ["payment", "pay", "pembayaran", "bayar"],
  ["installment", "instalment", "cicilan", "angsuran", "kredit", "mortgage", "kpr"],
  ["deposit", "down payment", "dp", "uang muka", "tanda jadi", "booking fee"],
  ["viewing", "visit", "survey", "survei", "kunjungan", "lihat"],
  ["appointment", "booking", "book", "reservation", "janji", "jadwal", "schedule"],
  ["furnished", "furniture", "perabot", "furnish", "mebel"],
  ["parking", "park", "parkir", "garage", "garasi", "carport"],
  ["available", "availability", "tersedia", "ada", "kosong"],
  ["commission", "komisi"],
  ["scholarship", "beasiswa"],
  ["university", "universitas", "kampus", "campus", "college"],
  ["tuition", "kuliah", "study", "studi", "belajar"],
  ["application", "apply", "register", "registration", "enrol", "enroll", "enrolment", "daftar", "pendaftaran", "mendaftar"],
  ["requirement", "requirements", "require", "syarat", "persyaratan", "ketentuan"],
  ["document", "documents", "dokumen", "berkas"],
  ["visa", "permit", "izin"],
  ["consultation", "consult", "konsultasi"],
  ["deadline", "closing date", "batas", "tenggat"],
  ["intake", "semester", "angkatan"],
  ["student", "students", "siswa", "mahasiswa", "pelajar"],
  ["english", "ielts", "toefl", "bahasa inggris"],
  ["delivery", "deliver", "shipping", "ship", "pengiriman", "kirim", "antar", "ongkir"],
  ["refund", "return", "pengembalian", "kembali", "retur"],
  ["discount", "promo", "promotion", "diskon", "potongan"],
  ["phone", "telephone", "call", "telepon", "nomor", "hp"],
  ["email", "surel"],
  ["weekend", "saturday", "sunday", "sabtu", "minggu"],
  ["holiday", "holidays", "libur", "tanggal merah"],
  ["process", "processing", "proses"],
  ["score", "band", "nilai", "skor", "overall"],
  ["australia", "australian"],
  ["clinic", "klinik"],
  ["information", "informasi"],
  ["facility", "facilities", "fasilitas"],
  ["insurance", "asuransi"],
  ["class", "classes", "kelas"],
  ["course", "courses", "kursus"],
  ["package", "packages", "paket"],
  ["service", "services", "layanan", "servis", "jasa"],
  ["product", "products", "produk", "barang"],
  ["order", "orders", "pesan", "pesanan", "memesan"],
  ["stock", "stok", "persediaan"],
  ["warranty", "guarantee", "garansi", "jaminan"],
  ["doctor", "dentist", "dokter"],
  ["teeth", "tooth", "dental", "gigi"],
  ["whitening", "pemutihan", "bleaching"],
  ["braces", "kawat gigi", "behel", "orthodontic"],
  ["child", "children", "kid", "kids", "anak"],
  ["ticket", "tiket"],
  ["car", "mobil"],
  ["card", "kartu"],
  ["cash", "tunai", "kontan"],
  ["indonesia", "indonesian"],
];

const GROUP_OF = new Map<string, number>();
GROUPS.forEach((words, i) => {
  for (const w of words) for (const part of w.split(" ")) if (!GROUP_OF.has(stem(part))) GROUP_OF.set(stem(part), i);
});
const STEMS_OF = GROUPS.map((words) => [...new Set(words.flatMap((w) => w.split(" ")).map(stem))]);

/** The stems a term may appear as in the knowledge: itself and its group. */
export function alternatives(term: string): string[] {
  const g = GROUP_OF.get(term);
  return g === undefined ? [term] : [...new Set([term, ...STEMS_OF[g]!])];
}
