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
  // How to pay: asking about payment is answered by the methods (see NARROWER), but one method is not another.
  ["payment", "pay", "pembayaran", "bayar", "method", "metode"],
  ["cash", "tunai", "kontan"],
  ["transfer", "rekening", "bank transfer", "account"],
  ["qris", "ewallet", "gopay", "ovo", "dana", "shopeepay", "linkaja"],
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
  ["delivery", "deliver", "shipping", "ship", "pengiriman", "kirim", "antar", "ongkir", "anter", "anterin", "dikirim", "diantar"],
  ["refund", "return", "returned", "pengembalian", "retur", "kembali", "dikembalikan", "balik", "balikin", "kembalikan", "refunded", "refundable"],
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
  ["pet", "pets", "hewan", "peliharaan", "anabul"],
  ["dog", "dogs", "anjing", "puppy", "guguk"],
  ["cat", "cats", "kucing", "kitten", "meong"],
  ["bath", "bathe", "bathing", "mandi", "mandiin", "memandikan"],
  ["shower", "showers"],
  ["towel", "towels", "handuk"],
  ["locker", "lockers", "loker"],
  ["session", "sessions", "sesi"],
  ["trainer", "coach", "pelatih"],
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
  ["trial", "percobaan", "coba", "try", "trying", "nyoba", "cobain"],
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
  // Time, days and schedules.
  ["morning", "pagi"],
  ["evening", "sore", "malam", "night"],
  ["late", "telat", "terlambat", "lambat", "delay", "delayed"],
  ["early", "awal", "cepat"],
  ["express", "kilat", "ekspres", "fast", "same day", "urgent", "cepat", "instant"],
  ["regular", "reguler", "biasa", "standard", "normal"],
  ["schedule", "jadwal", "timetable", "slot"],
  ["duration", "durasi", "lama", "long"],
  ["deadline", "latest", "maximum", "maksimal"],
  // Places and getting there.
  ["address", "alamat", "location", "lokasi", "maps", "map", "peta", "direction", "directions", "arah", "rute", "route", "pin"],
  ["airport", "bandara", "bandar udara"],
  ["hotel", "penginapan", "villa", "homestay"],
  ["branch", "cabang", "outlet"],
  // People, ages and languages.
  ["age", "umur", "usia", "old", "year"],
  ["driver", "sopir", "supir", "chauffeur", "pengemudi"],
  ["language", "languages", "bahasa"],
  ["english", "inggris"],
  ["baby", "bayi", "infant"],
  ["adult", "dewasa", "grown"],
  // Documents and requirements.
  ["license", "licence", "sim", "driving permit", "driving licence", "driver license"],
  ["passport", "paspor"],
  ["identity", "ktp", "identitas"],
  ["certificate", "sertifikat", "ijazah", "diploma"],
  ["photo", "foto", "picture", "pictures"],
  // Contact channels.
  ["instagram", "insta"],
  ["website", "web", "situs", "site"],
  // Money.
  ["cheap", "murah", "affordable", "budget"],
  ["percent", "persen", "percentage"],
  ["fine", "denda", "penalty", "penalti"],
  ["complaint", "complain", "komplain", "keluhan", "claim", "klaim", "report", "lapor"],
  ["compensation", "compensate", "ganti rugi", "ganti", "reimburse", "replace", "replacement"],
  ["lost", "lose", "loss", "hilang", "missing", "ilang"],
  ["damage", "damaged", "rusak", "broken", "ruined"],
  ["accident", "crash", "kecelakaan", "tabrakan", "nabrak", "collision", "crashed"],
  // Vehicles and travel.
  ["fuel", "petrol", "gasoline", "gas", "bensin", "bbm", "pertalite", "pertamax", "solar"],
  ["overtime", "lembur"],
  ["key", "keys", "kunci"],
  // Laundry and cleaning.
  ["laundry", "cucian", "laundri", "londri"],
  ["iron", "ironing", "setrika", "strika", "gosok", "setrikaan"],
  ["dry", "kering", "pengering"],
  ["clothes", "clothing", "pakaian", "baju", "garment", "garments", "shirt", "shirts", "kaos", "kemeja", "celana", "pants", "trousers", "jacket", "jaket"],
  ["blanket", "blankets", "selimut"],
  ["bedcover", "bedcovers", "sprei", "seprai", "bed sheet", "sheets"],
  ["shoe", "shoes", "sepatu", "sneakers", "sneaker"],
  ["weight", "berat", "kg", "kilo", "kilogram", "kiloan", "timbang"],
  ["item", "items", "barang", "piece", "pieces", "pcs", "potong"],
  // Beauty and care.
  ["face", "facial", "wajah", "muka"],
  ["acne", "jerawat", "pimple", "pimples", "breakout", "berjerawat"],
  ["makeup", "rias", "riasan", "dandan", "dandanan"],
  ["wedding", "bridal", "bride", "pengantin", "nikah", "pernikahan", "nikahan", "kawinan", "wedding day"],
  ["blowdry", "blow"],
  ["polish", "kutek"],
  ["massage", "pijat", "pijit", "urut", "spa"],
  ["halal"],
  ["stylist", "hairdresser", "kapster", "capster", "penata"],
  ["start", "starts", "begin", "begins", "mulai", "dimulai"],
  ["finish", "finished", "end", "ends", "selesai", "berakhir", "done"],
  ["box", "boxes", "kotak", "dus", "kardus"],
  ["settle", "settlement", "lunas", "pelunasan", "remaining", "sisa", "balance"],
  // Food and drink.
  ["rice", "nasi"],
  ["chicken", "ayam"],
  ["beef", "sapi"],
  ["fish", "ikan"],
  ["egg", "eggs", "telur", "telor"],
  ["vegetarian", "vegan", "sayur", "sayuran", "vegetable", "vegetables"],
  ["spicy", "pedas"],
  ["sweet", "manis"],
  ["coffee", "kopi"],
  ["tea", "teh"],
  ["cake", "cakes", "kue"],
  ["portion", "portions", "porsi"],
  ["takeaway", "bungkus", "dibungkus", "takeout"],
  ["catering", "katering"],
  // Health.
  ["medicine", "obat"],
  ["pregnant", "hamil", "pregnancy", "kehamilan"],
  ["allergy", "allergies", "alergi", "allergic"],
  ["skin", "kulit"],
  ["nurse", "perawat", "suster"],
  ["hospital", "rs"],
  ["injection", "suntik", "suntikan"],
  ["vaccine", "vaccines", "vaccination", "vaksin", "vaksinasi", "imunisasi", "immunization"],
  ["test", "tes", "exam", "ujian", "examination"],
  ["result", "results", "hasil"],
  ["flea", "fleas", "kutu", "tick", "ticks"],
  // Learning.
  ["level", "levels", "tingkat", "jenjang"],
  ["beginner", "beginners", "pemula", "basic", "dasar"],
  ["advanced", "lanjutan", "mahir"],
  ["private", "privat"],
  ["group", "groups", "grup", "kelompok", "rombongan"],
  ["textbook", "buku", "modul", "module", "materi", "material", "materials"],
  ["homework", "tugas"],
  // Homes and buildings.
  ["kitchen", "dapur"],
  ["garden", "taman", "halaman", "yard"],
  ["electricity", "listrik", "pln", "electric"],
  ["security", "satpam", "keamanan", "cctv", "guard"],
  // Travel and vehicles.
  ["bus", "bis"],
  ["flight", "flights", "penerbangan", "pesawat", "plane"],
  ["luggage", "baggage", "bagasi", "koper", "suitcase"],
  ["helmet", "helmets", "helm"],
  ["toll", "tol"],
  ["tire", "tires", "tyre", "tyres", "ban"],
  ["engine", "mesin"],
  ["screen", "layar", "lcd"],
  ["battery", "baterai", "batre", "batrai"],
  ["sparepart", "spareparts", "onderdil"],
  // Calendar.
  ["lebaran", "eid", "idul", "fitri"],
  ["christmas", "natal"],
  ["ramadan", "ramadhan", "puasa", "fasting"],
  ["noon", "siang", "midday"],
  ["break", "istirahat", "rest"],
  // Money and paperwork.
  ["invoice", "tagihan", "bill", "nota", "kwitansi", "receipt", "faktur"],
  ["cod"],
  ["voucher", "vouchers", "kupon", "coupon", "coupons"],
  ["point", "points", "poin"],
  ["form", "forms", "formulir"],
  ["letter", "surat"],
  ["signature", "ttd"],
  ["copy", "copies", "fotokopi", "photocopy", "salinan"],
  // People.
  ["family", "keluarga"],
  ["couple", "couples", "pasangan"],
  ["senior", "seniors", "lansia", "elderly"],
  ["teen", "teens", "teenager", "remaja"],
  // Things and qualities.
  ["quality", "kualitas"],
  ["original", "ori", "asli", "genuine"],
  ["brand", "brands", "merek", "merk"],
  ["fabric", "bahan", "kain"],
  ["gift", "gifts", "hadiah", "kado"],
  ["capacity", "kapasitas", "muat"],
  ["queue", "antri", "antre", "antrian", "antrean", "waiting"],
  ["confirm", "confirmation", "konfirmasi"],
  ["reply", "balas", "respon", "response", "respond"],
  ["city", "kota"],
  ["mall", "plaza"],
  ["entrance", "pintu", "gate", "gerbang"],
  ["tracking", "resi", "lacak", "track"],
  ["chinese", "mandarin"],
  ["japanese", "jepang"],
  ["korean", "korea"],
  ["arabic", "arab"],
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
  // Asking how to pay is answered by the methods; a document by the documents the knowledge names.
  payment: ["cash", "tunai", "card", "kartu", "transfer", "qris", "gopay", "ovo", "dana", "ewallet", "debit", "credit"],
  pay: ["cash", "tunai", "card", "kartu", "transfer", "qris", "gopay", "ovo", "dana", "ewallet", "debit", "credit"],
  bayar: ["cash", "tunai", "card", "kartu", "transfer", "qris", "gopay", "ovo", "dana", "ewallet", "debit", "credit"],
  ewallet: ["qris", "gopay", "ovo", "dana", "shopeepay"],
  document: ["passport", "paspor", "ktp", "sim", "license", "permit", "identity", "certificate", "ijazah", "photo", "foto", "transcript", "kk"],
  dokumen: ["passport", "paspor", "ktp", "sim", "license", "permit", "identity", "certificate", "ijazah", "photo", "foto", "transcript", "kk"],
  berkas: ["passport", "paspor", "ktp", "sim", "license", "permit", "identity", "certificate", "ijazah", "photo", "foto", "transcript", "kk"],
  clothes: ["item", "barang"],
  baju: ["item", "barang"],
  shirt: ["item", "barang"],
  pakaian: ["item", "barang"],
  // A rule for every pet answers a question about a cat.
  cat: ["pet", "pets", "hewan"],
  kucing: ["pet", "pets", "hewan"],
  dog: ["pet", "pets", "hewan"],
  anjing: ["pet", "pets", "hewan"],
  pet: ["dog", "cat", "anjing", "kucing"],
  hewan: ["dog", "cat", "anjing", "kucing"],
  clean: ["wash", "cuci", "laundry"],
  cleaning: ["wash", "cuci", "laundry"],
  bersih: ["wash", "cuci"],
  laundry: ["wash", "cuci"],
  cheap: ["price"],
  murah: ["price"],
  expensive: ["price"],
  mahal: ["price"],
};

// Words that exclude each other: a chunk that says one does not answer a question asking the other
// ("the price of the Kemang apartment if I buy it" when the Kemang apartment is for rent).
const CONTRASTS: [string[], string[]][] = [
  [["buy", "purchase", "beli", "sell", "sale", "jual", "dijual"], ["rent", "rental", "lease", "sewa", "kontrak", "disewakan"]],
  [["men", "man", "male", "pria", "cowok", "cowo", "laki"], ["women", "woman", "ladies", "female", "wanita", "perempuan", "cewek", "cewe"]],
  [["adult", "adults", "dewasa"], ["child", "children", "kid", "kids", "anak", "balita"]],
  [["express", "kilat", "ekspres"], ["regular", "reguler"]],
  [["new", "baru"], ["used", "bekas"]],
  [["metal", "besi", "logam"], ["ceramic", "keramik"]],
  [["dog", "dogs", "anjing", "puppy"], ["cat", "cats", "kucing", "kitten"]],
  [["small", "kecil"], ["big", "large", "besar"]],
];
const CONTRAST_OF = new Map<string, string[]>();
for (const [a, b] of CONTRASTS) {
  const [sa, sb] = [a.map(stem), b.map(stem)];
  for (const x of sa) CONTRAST_OF.set(x, sb);
  for (const x of sb) CONTRAST_OF.set(x, sa);
}

/** The stems that say the opposite of a term (buy ↔ rent, men ↔ women), if any. */
export function contrasts(term: string): string[] {
  return CONTRAST_OF.get(term) ?? [];
}

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
