// Words that mean the same thing to a customer, across English and Indonesian.
// A question's term is covered when the knowledge has any word of its group,
// so "Berapa harga sewa?" finds "Rent: IDR 25 million per month". A word may
// belong to several groups ("minggu" is both "week" and "Sunday").
import { stem } from "./text";

const GROUPS: string[][] = [
  ["price", "prices", "cost", "costs", "fee", "fees", "charge", "tariff", "rate", "rates", "harga", "biaya", "tarif", "ongkos", "bayar", "idr", "rp", "aud", "usd", "sgd", "rupiah", "pay", "paid"],
  ["house", "home", "rumah", "hunian", "townhouse"],
  ["apartment", "flat", "apartemen", "unit", "condo", "kondominium"],
  ["rent", "rental", "lease", "sewa", "kontrak", "disewakan"],
  ["buy", "purchase", "beli", "membeli", "buyer", "pembeli"],
  ["sell", "sale", "jual", "dijual", "seller", "penjual"],
  ["office", "kantor"],
  // Asking when something closes is asking for its opening hours.
  ["open", "opening", "buka", "close", "closed", "closing", "tutup", "hour", "hours", "jam", "waktu", "operasional", "operating"],
  ["address", "location", "located", "alamat", "lokasi", "letak", "jalan", "street", "road", "floor", "lantai", "gedung", "building", "dimana"],
  ["room", "bedroom", "bedrooms", "kamar"],
  ["bathroom", "toilet"],
  ["land", "plot", "tanah", "lahan"],
  ["area", "size", "luas", "ukuran", "big", "besar", "m2"],
  ["month", "monthly", "bulan", "bulanan", "sebulan"],
  ["year", "yearly", "annual", "tahun", "tahunan", "setahun", "age", "old", "umur", "usia"],
  ["week", "weeks", "minggu", "pekan"],
  ["day", "days", "hari"],
  ["free", "gratis", "cuma", "complimentary"],
  ["payment", "pay", "pembayaran", "bayar", "cash", "tunai", "kontan", "card", "kartu", "transfer"],
  ["installment", "instalment", "cicilan", "cicil", "angsuran", "kredit", "mortgage", "kpr"],
  ["deposit", "dp"],
  ["viewing", "view", "visit", "survey", "survei", "kunjungan", "lihat", "inspection"],
  ["appointment", "booking", "book", "reservation", "janji", "janjian", "jadwal", "schedule", "reservasi", "daftar", "arrange"],
  ["furnished", "furniture", "perabot", "perabotan", "furnish", "mebel"],
  ["parking", "park", "parkir", "garage", "garasi", "carport"],
  ["commission", "komisi", "agent", "agen", "agency"],
  ["scholarship", "beasiswa"],
  ["university", "universitas", "kampus", "campus", "college", "kuliah"],
  ["tuition", "kuliah", "study", "studi", "belajar", "school", "sekolah"],
  ["application", "apply", "register", "registration", "enrol", "enroll", "enrolment", "daftar", "pendaftaran", "mendaftar", "pengurusan", "urus"],
  ["requirement", "requirements", "require", "required", "syarat", "persyaratan", "ketentuan", "minimum", "minimal", "need", "butuh", "perlu"],
  ["document", "documents", "dokumen", "berkas"],
  ["visa", "permit", "izin"],
  ["consultation", "consult", "konsultasi"],
  ["deadline", "batas", "tenggat", "close", "closing"],
  ["intake", "semester", "angkatan"],
  ["student", "students", "siswa", "mahasiswa", "pelajar"],
  ["delivery", "deliver", "shipping", "ship", "pengiriman", "kirim", "antar", "ongkir"],
  ["refund", "return", "pengembalian", "retur"],
  ["discount", "promo", "promotion", "diskon", "potongan"],
  ["phone", "telephone", "call", "telepon", "telpon", "nomor", "hp", "number", "contact", "kontak", "whatsapp", "wa"],
  ["email", "surel"],
  ["holiday", "holidays", "libur", "tanggal merah"],
  ["process", "processing", "proses", "long", "lama", "take", "takes"],
  ["score", "band", "nilai", "skor", "overall"],
  ["australia", "australian"],
  ["clinic", "klinik"],
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
  ["doctor", "dentist", "dokter", "drg", "pediatric", "specialist", "spesialis"],
  ["teeth", "tooth", "dental", "gigi", "dentist"],
  ["whitening", "pemutihan", "bleaching", "putih"],
  ["braces", "kawat", "behel", "orthodontic", "bracket"],
  ["child", "children", "kid", "kids", "anak", "pediatric", "balita"],
  ["cleaning", "clean", "scaling", "polishing", "bersih", "pembersihan", "karang"],
  ["checkup", "check", "periksa", "pemeriksaan", "treat", "treatment", "perawatan", "rawat", "kontrol", "control"],
  ["toothache", "sakit", "pain", "ache", "nyeri", "emergency", "darurat", "urgent", "broken", "patah", "pecah"],
  ["ceramic", "keramik"],
  ["metal", "besi", "logam"],
  ["motorbike", "motorbikes", "motor", "motorcycle", "scooter"],
  ["ticket", "tiket"],
  ["car", "cars", "mobil"],
  ["card", "kartu", "debit", "credit", "kredit", "mastercard"],
  ["indonesia", "indonesian"],
  // Everyday words of small businesses, English and Indonesian.
  ["hair", "rambut"],
  ["haircut", "cut", "potong", "cukur", "pangkas"],
  ["women", "woman", "ladies", "lady", "female", "wanita", "perempuan", "cewek", "cewe", "ibu"],
  ["men", "man", "male", "gentlemen", "pria", "laki", "cowok", "cowo"],
  ["color", "colors", "coloring", "dye", "warna", "pewarnaan", "cat"],
  ["nail", "nails", "kuku", "manicure", "pedicure", "manikur", "pedikur"],
  ["wash", "washing", "cuci", "keramas"],
  ["food", "makanan", "makan", "meal"],
  ["drink", "drinks", "minuman", "minum"],
  ["menu", "menus"],
  ["breakfast", "sarapan"],
  ["lunch", "makan siang"],
  ["dinner", "makan malam"],
  ["table", "meja"],
  ["seat", "seats", "kursi", "tempat duduk"],
  ["pet", "pets", "hewan", "peliharaan", "dog", "anjing", "cat", "kucing"],
  ["cancel", "cancellation", "batal", "pembatalan", "reschedule"],
  ["size", "sizes", "ukuran"],
  ["new", "baru"],
  ["used", "bekas", "second"],
  ["big", "large", "besar"],
  ["small", "kecil"],
  ["water", "air"],
  ["wifi", "internet"],
  ["toilet", "restroom", "wc", "kamar mandi"],
  ["room", "ruang", "ruangan"],
  ["air conditioning", "ac"],
  ["pool", "kolam", "kolam renang"],
  ["gym", "fitness"],
  ["class", "kelas", "lesson", "les"],
  ["teacher", "guru", "tutor", "instructor", "pengajar"],
  ["trial", "percobaan", "coba"],
  ["member", "membership", "anggota", "keanggotaan"],
  ["ticket", "tiket", "karcis"],
  ["delivery", "antar", "diantar", "kurir", "courier", "gojek", "grab"],
  ["pickup", "pick", "ambil", "jemput"],
  ["repair", "fix", "service", "perbaikan", "perbaiki", "servis", "betulin"],
  ["oil", "oli"],
  ["tax", "taxes", "pajak", "ppn", "vat"],
  ["pork", "babi"],
  ["alcohol", "alkohol", "beer", "bir", "wine"],
  ["reserve", "reserved", "reservation", "reservasi", "pesan tempat", "booking"],
  ["flood", "banjir"],
  ["station", "stasiun", "train", "kereta", "krl"],
  ["near", "dekat", "close", "nearby"],
  ["bank", "banks"],
  ["walkin", "walk", "langsung"],
  ["first", "pertama"],
  ["advance", "dulu", "sebelumnya", "before"],
  ["include", "includes", "included", "termasuk"],
  ["online", "daring", "zoom"],
  ["building", "bangunan"],
  ["february", "februari"],
  ["october", "oktober"],
  ["april"],
  ["monday", "senin"],
  ["tuesday", "selasa"],
  ["wednesday", "rabu"],
  ["thursday", "kamis"],
  ["friday", "jumat"],
  ["saturday", "sabtu"],
  ["sunday", "minggu", "ahad"],
  ["public", "umum", "nasional"],
  ["minutes", "minute", "menit"],
  ["furnished", "fully"],
];

// A customer's word that a more specific word in the knowledge answers (one
// direction only): "weekdays" is answered by "Monday to Friday".
const NARROWER: Record<string, string[]> = {
  weekday: ["monday", "tuesday", "wednesday", "thursday", "friday", "senin", "selasa", "rabu", "kamis", "jumat"],
  weekdays: ["monday", "tuesday", "wednesday", "thursday", "friday", "senin", "selasa", "rabu", "kamis", "jumat"],
  kerja: ["monday", "friday", "senin", "jumat", "weekdays"],
  weekend: ["saturday", "sunday", "sabtu", "minggu"],
  weekends: ["saturday", "sunday", "sabtu", "minggu"],
  tiap: ["day", "daily", "monday"],
  everyday: ["day", "daily", "monday"],
  daily: ["day", "monday"],
  accept: ["take", "terima", "pay", "payment"],
  terima: ["accept", "pay", "payment"],
  // A question about one day is answered by the week's schedule.
  ...Object.fromEntries(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"].map((d) => [
      d,
      ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekdays", "weekend", "daily"],
    ]),
  ),
  day: ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekdays", "daily"],
  hari: ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekdays", "daily"],
  scholarship: ["awards"],
  beasiswa: ["awards"],
  cheap: ["price"],
  murah: ["price"],
  expensive: ["price"],
  mahal: ["price"],
};

const GROUPS_OF = new Map<string, number[]>();
GROUPS.forEach((words, i) => {
  for (const w of words)
    for (const part of w.split(" ")) {
      const k = stem(part);
      const list = GROUPS_OF.get(k) ?? [];
      if (!list.includes(i)) list.push(i);
      GROUPS_OF.set(k, list);
    }
});
const STEMS_OF = GROUPS.map((words) => [...new Set(words.flatMap((w) => w.split(" ")).map(stem))]);
const NARROWER_STEMS = new Map(Object.entries(NARROWER).map(([w, list]) => [stem(w), list.map(stem)]));

/** The stems that say the same as a term: itself, its synonyms and translations. */
export function synonyms(term: string): string[] {
  const out = new Set([term]);
  for (const g of GROUPS_OF.get(term) ?? []) for (const s of STEMS_OF[g]!) out.add(s);
  return [...out];
}

/** The stems a term may appear as in the knowledge: its synonyms, and the narrower words that answer it. */
export function alternatives(term: string): string[] {
  const out = new Set(synonyms(term));
  for (const s of NARROWER_STEMS.get(term) ?? []) out.add(s);
  return [...out];
}

/** A word the lexicon knows (a common word of some business), as opposed to a name or a specific thing. */
export function isCommonWord(term: string): boolean {
  return GROUPS_OF.has(term) || NARROWER_STEMS.has(term);
}

/** Every stem the lexicon knows, for correcting misspellings. */
export const LEXICON_STEMS: readonly string[] = [...new Set([...GROUPS_OF.keys(), ...NARROWER_STEMS.keys()])];
