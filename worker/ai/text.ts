// Text handling shared by indexing and retrieval: tokenizing, a light stemmer
// for English and Indonesian, stop words, and language detection. Indexing and
// queries use the same functions, so their terms always line up.

// Stop words include the generic words of a request ("tell me", "info", "today"):
// they carry no fact the knowledge could be missing.
const STOP_EN = new Set(
  "put roughly approximately approx estimate estimated ballpark request requested up different between her him updates compared compare versus vs decide deciding decided commit committing total a an the and or but if then so of to in on at by for with from as is are was were be been being am do does did have has had i me my we our you your he she it its they them their this that these those what which who whom whose when where why how can could would should will shall may might must not no yes please hi hello hey thanks thank ok okay there here about into than too very just also any some all more most much many there's what's it's i'm tell know want need like get info information detail details question ask asking help interested interest looking look find give see time today tomorrow now still currently anything something someone else good great nice sir madam mr mrs ms dear friend long where morning afternoon evening night really actually exactly kindly possible able already just guys pls plz u ur r would've gonna wanna let us soon currently normally usually normal usual bit little quick quickly urgent urgently bad sure okay fine one ones thing things way also else other another take taking took get got go going come coming do doing done make made use using say said should tell telling available there're offer provide provided have having people person persons pax policy policies without extra additional regarding regards re ok plus held hold holds happen happens far away ahead even ever never always often sometimes maybe perhaps probably basically literally yet since while same own enough each every only whole exact exactly hmm hmmm btw fyi wondering wonder curious mean means meant anyone anybody somebody everyone everything until till mine yours ours hers his lol haha hahaha sorry noted yesterday later tonight around anymore keep keeps kept heard yo dude gotta kinda sorta lemme gimme yea yeah yep yup nope okk umm uh idk tbh imo nvm omg wdym tysm np brb plzz thnx thanx thks hiya heyy folks mate bruh meh wow awesome alright aight ofc definitely anyway anyways honestly making makes stuff considered consider right through next over along pretty super boss allowance option options kind kinds under quantity qty think thinking thought few realize realise realized realised told actual ago elsewhere both during".split(
    " ",
  ),
);
// Among them "rb", the thousands of a number ("250rb"), not a word of the question.
const STOP_ID = new Set(
  "rb aturannya peraturan peraturannya namanya ternyata wfh ketauan ketahuan satu yang dan di ke dari untuk dengan pada adalah ini itu apa apakah berapa bagaimana kapan dimana di mana siapa kenapa mengapa saya aku kami kita anda kamu kalian dia mereka tidak bukan ya juga atau tapi tetapi karena jika kalau sudah belum akan bisa dapat mau ingin boleh tolong mohon halo hai terima kasih dong sih nya deh kah pun lah saja hanya masih lagi sangat sekali nggak gak tak info informasi tanya nanya kak kakak min mimin gan pak bu bapak ibu mas mbak sekarang besok tertarik cari mencari lihat tahu minta selamat pagi siang sore malam lama lewat melalui via pakai pake gimana bgmn kah ya yah yaa kak ka sis bro gan om tante mbak mas dok ok oke okey sip nih tuh toh kok kan koq aja saja ajah juga jg udah sudah sdh trus terus trs sama sm atau apa2 apakah apaan emang memang bener benar cuman cuma biar supaya agar buat bikin mau pengen pengin ingin masang perlu harus musti wajib tiap setiap semua segala kalo klo kalau kl gitu begitu gini begini sini situ sana disini disana nanya tanya2 tny nny dong donk dunk mohon tlg tolong sy gw gue aku ak saya km kamu lu lo butuh orang ada cara caranya per sampai datang jadi siap praktek praktik dah nih kena dikenakan tanpa tambahan nambah kebijakan aturan mengenai soal terkait dtg liat liatin ngeliat cek dicek kasih dikasih dapet dapat dapetin panggil dipanggil bawa dibawa gitu kayak kaya seperti misal misalnya contoh gimanaa bagaimanakah kira2 kira sekitar kurang lebih kurleb emangnya beneran bener2 banget bgt aja sih nih loh lho kah tah ayo yuk mari pengen pgn mo mau maw sekalian sekali sampe hingga paling kali hehe wkwk haha hihi mba mbaa kk kaka bund bunda bang cuy sob gaes gais doang permisi maaf sori salam assalamualaikum wassalam kemarin tadi nanti ntar entar lebih sedikit dikit pernah sangat dalam hitung hitungan itungan dihitung ngitung terhitung sekaligus bantu dibantu bantuin membantu nge gpp gapapa bentar sebentar nggih lusa mantap ane ente kepo pas tetap suka dianggap bos parah ku punya beda berbeda itung diitung ngitung selisih selisihnya banding dibanding dibandingkan dibandingin agak sesuai sering".split(
    " ",
  ),
);

/** Lower-cased word tokens (letters and digits, diacritics folded). */
export function tokenize(text: string): string[] {
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+(?:[.,:][\p{N}]+)*/gu) ?? []
  );
}

// How customers type on WhatsApp: chat abbreviations and common misspellings
// in English and Indonesian, each mapped to the word(s) it stands for.
const SHORT: Record<string, string> = {
  kemenlu: "kementerian luar negeri",
  // English
  wheres: "where", whens: "when", hows: "how", whos: "who", u: "you", ur: "your", urs: "yours", r: "are", pls: "please", plz: "please", plss: "please", pl: "please", hrs: "hours", hr: "hour", mins: "minutes",
  wat: "what", opn: "open", opning: "opening", wht: "what", whats: "what", hw: "how", mch: "much", mcuh: "much", thx: "thanks", tq: "thanks", ty: "thanks", tmrw: "tomorrow", tmr: "tomorrow",
  wknd: "weekend", wkend: "weekend", appt: "appointment", apt: "apartment", uni: "university", univ: "university", unis: "universities",
  unimelb: "university melbourne", feb: "february", jan: "january", mar: "march", apr: "april", aug: "august", sep: "september", sept: "september", oct: "october", nov: "november", dec: "december",
  mon: "monday", tue: "tuesday", tues: "tuesday", wed: "wednesday", thu: "thursday", thur: "thursday", thurs: "thursday", fri: "friday", sat: "saturday", sun: "sunday",
  xray: "x ray", colour: "color", colours: "colors", colouring: "coloring", centre: "center", favourite: "favorite", organise: "organize", cancelation: "cancellation", adres: "address", adress: "address", addres: "address", addr: "address", loc: "location", ppl: "people", abt: "about", bc: "because", coz: "because", cuz: "because",
  combo: "combination", prce: "price", tomcat: "male cat", im: "i am", ive: "i have", dont: "do not", doesnt: "does not", cant: "can not", wont: "will not", isnt: "is not", arent: "are not", havent: "have not", hasnt: "has not", didnt: "did not", wasnt: "was not", werent: "were not", shouldnt: "should not", couldnt: "could not", wouldnt: "would not", ther: "there", thier: "their", n: "and", w: "with", "4": "for", "2": "to",
  // Indonesian
  gmn: "bagaimana", gmna: "bagaimana", gimana: "bagaimana", bgmn: "bagaimana", brp: "berapa", brapa: "berapa", berapaan: "berapa", dmn: "dimana", dmana: "dimana", mn: "mana", dimn: "dimana",
  tdk: "tidak", gak: "tidak", ga: "tidak", gk: "tidak", nggak: "tidak", ngga: "tidak", enggak: "tidak", engga: "tidak", kagak: "tidak", g: "tidak",
  yg: "yang", sy: "saya", aq: "aku", bs: "bisa", bsa: "bisa", blm: "belum", pny: "punya", pnya: "punya", blum: "belum", sdh: "sudah", udh: "sudah", udah: "sudah", jg: "juga", dgn: "dengan", dg: "dengan",
  utk: "untuk", untk: "untuk", krn: "karena", tp: "tapi", klo: "kalau", kalo: "kalau", lg: "lagi", aja: "saja", knp: "kenapa", kpn: "kapan", skrg: "sekarang", bsk: "besok",
  tgl: "tanggal", jl: "jalan", jln: "jalan", mksh: "terima kasih", makasih: "terima kasih", trims: "terima kasih", sm: "sama", trs: "terus", emg: "memang", bnyk: "banyak",
  bln: "bulan", thn: "tahun", th: "tahun", mgg: "minggu", hr2: "hari", tny: "tanya", nanya: "tanya", tlg: "tolong", dkt: "dekat", deket: "dekat", brpa: "berapa", kpan: "kapan",
  // Colloquial and shortened Indonesian
  sehari: "hari", perhari: "hari", seminggu: "pekan", perminggu: "minggu", sebulan: "bulan", perbulan: "bulan", setahun: "tahun", pertahun: "tahun", perjam: "hour", sejam: "hour", pesen: "pesan", mesen: "pesan",
  permeter: "per meter", perkg: "per kg", perorang: "per orang", perpcs: "per pcs", perlembar: "per lembar", perunit: "per unit", perpax: "per pax", persesi: "per sesi", perkali: "per kali", permalam: "per malam", pertemuan2: "pertemuan",
  dtg: "datang", org: "orang", hrg: "harga", hrga: "harga", almt: "alamat", alamt: "alamat", lok: "lokasi", byr: "bayar", bayr: "bayar", trf: "transfer", tf: "transfer", rek: "rekening",
  ongkir: "ongkos kirim", pengiriman: "kirim", malem: "malam", sore2: "sore", pagi2: "pagi", bbrp: "beberapa", sblm: "sebelum", stlh: "setelah", slsai: "selesai", sampe: "sampai", nyampe: "sampai",
  mani: "manicure", meni: "manicure", medi: "pedicure", pedi: "pedicure", wa: "whatsapp", whatsap: "whatsapp", vc: "video call", vidcall: "video call", videocall: "video call", ig: "instagram", gmaps: "maps", sharelok: "lokasi", shareloc: "location",
  panjang: "long", pendek: "short", pjg: "long", mbl: "mobil", mtr: "motor", nmr: "nomor",
  // Colloquial English
  thru: "through", tho: "though", luv: "love", pic: "picture", pics: "pictures", cam: "camera", cams: "cameras", eta: "arrive", rayain: "celebrate", ngerayain: "celebrate", rayakan: "celebrate", merayakan: "celebrate", belakangan: "nanti", info: "information", cert: "certificate", certs: "certificates", yr: "year", yrs: "years", max: "maximum", approx: "about", asap: "soon",
  bales: "balas", balesin: "balas", dpt: "dapat", dr: "dari", dri: "dari", nunggu: "tunggu", nungguin: "tunggu", semalem: "malam", abis: "habis", mendadak: "dadak", ngabarin: "kabar", ngabarin2: "kabar",
  nyicil: "cicil", msh: "masih", mash: "masih", mlm: "malam", maks: "maksimal", maksimum: "maksimal", dl: "dulu", tdy: "today", dlu: "dulu", aj: "aja", klw: "kalau", klu: "kalau", kalu: "kalau", nda: "tidak", ndak: "tidak", sya: "saya", kmu: "kamu", brpan: "berapa", bsok: "besok", cepet: "cepat", pingin: "pengen", yh: "ya", hallo: "halo", sist: "sis", pkg: "package", pkgs: "packages", pckg: "package", pkt2: "paket", anget: "hangat", angetnya: "hangat", pgi: "pagi", sng: "siang",
  // More chat spellings: Indonesian, then English.
  plis: "please", bnget: "banget", bkn: "bukan", jd: "jadi", dlm: "dalam", lbh: "lebih", pke: "pakai", ama: "sama", tlp: "telepon", tlpn: "telepon", mkn: "makan", kls: "kelas",
  pkt: "paket", prnh: "pernah", ksh: "kasih", sgt: "sangat", kyk: "kayak", gmana: "bagaimana", bgmana: "bagaimana", bole: "boleh", krm: "kirim", kmrn: "kemarin", td: "tadi",
  gaada: "tidak ada", gada: "tidak ada", gabisa: "tidak bisa", gbs: "tidak bisa", gakbisa: "tidak bisa", gamau: "tidak mau",
  rn: "now", hv: "have", cn: "can", wen: "when", wer: "where", whr: "where", dat: "that", dis: "this", b4: "before", nite: "night", tonite: "tonight",
  avail: "available", avl: "available", incl: "including", excl: "excluding", qty: "quantity", hrly: "hourly", mnth: "month", mth: "month", mths: "months", wk: "week", wks: "weeks", dp: "deposit", bday: "birthday", ultah: "birthday", ortu: "parent", nyetir: "drive", setir: "drive", utuh: "whole",
  // Comparatives and superlatives of the everyday adjectives: "cheaper" asks about the price as "cheap" does.
  cheaper: "cheap", cheapest: "cheap", smaller: "small", bigger: "big", larger: "large", faster: "fast", nearer: "near", closer: "near", nearest: "near", closest: "near", paid: "pay", bought: "buy", sold: "sell", sabtu2: "sabtu", ak: "aku", gue: "saya", gw: "saya", pake: "pakai", ngurus: "urus", disiapin: "siap", bersihin: "bersih", tambel: "tambal",
  // Administrative areas as addresses abbreviate them ("kab cirebon", "kec. tembalang").
  kab: "kabupaten", kec: "kecamatan", kel: "kelurahan",
  // Irregular past forms of everyday verbs, which the stemmer leaves as they are ("my car taken to cirebon").
  taken: "take", took: "take", given: "give", gave: "give", driven: "drive", drove: "drive", written: "write", wrote: "write", eaten: "eat", chosen: "choose", chose: "choose", gotten: "get", stolen: "steal", stole: "steal",
  // Contractions typed without the apostrophe split in two ("didn't" → "didn", "t"), and verbs the stemmer would cut wrong.
  shes: "she is", hes: "he is", thats: "that is", theres: "there is", youre: "you are", theyre: "they are",
  didn: "did", doesn: "does", isn: "is", aren: "are", wasn: "was", couldn: "could", wouldn: "would", shouldn: "should", hasn: "has", haven: "have", goes: "go",
  prob: "probably", probs: "probably", bhs: "bahasa", keabisan: "penuh", kehabisan: "penuh", sekeluarga: "keluarga", type: "tipe", mcu: "medical checkup",
  nginep: "inap", nginap: "inap", vids: "videos", vid: "video", termin: "payment", taun: "tahun", tetep: "tetap", dateng: "datang", ato: "atau",
  // "memberi" (give) would lose its "-i" and read as the English "member".
  memberi: "beri", seater: "seat", seaters: "seats",
  mb: "mbps", mbit: "mbps",
  "1st": "first", "2nd": "second", "3rd": "third",
  gapunya: "tidak punya", gpunya: "tidak punya",
  // "Sekilo" is one kilo: "brp sekilo" asks the price per kg.
  sekilo: "per kg", sekg: "per kg",
  // Regions of Jakarta and its neighbours as they are written in chat.
  bdg: "bandung", jkt: "jakarta", sby: "surabaya", smg: "semarang", mlg: "malang", dps: "denpasar", jogja: "yogyakarta", bks: "bekasi", tng: "tangerang", dpk: "depok", bgr: "bogor",
  brgkt: "berangkat", brangkat: "berangkat", bgtt: "banget",
  jaksel: "jakarta selatan", jaktim: "jakarta timur", jakbar: "jakarta barat", jakut: "jakarta utara", jakpus: "jakarta pusat", tangsel: "tangerang selatan",
};

// Chat spellings that mean another word in Indonesian, and the words that mark a message as Indonesian.
const AMBIGUOUS_ID: Record<string, string> = { hrs: "harus", hr: "hari" };
const INDONESIAN_CHAT = new Set("yg brp gmn gimana gak ga nggak sy aku kak mau bisa bs ada berapa kalo klo kalau sih dong deh gk tdk udah udh dgn utk aja pesen mesen kapan bawa sendiri".split(" "));

// A number written as a word before what it counts is the number ("a two bedroom villa").
const NUMBER_WORDS: Record<string, string> = { two: "2", three: "3", four: "4", five: "5", six: "6", seven: "7", eight: "8", nine: "9", ten: "10" };
const NUMBER_WORD =
  /\b(two|three|four|five|six|seven|eight|nine|ten)(?=[\s-]+(?:bed(?:room)?s?|rooms?|kamar|person|people|guests|kids|children|pages?|hours?|days?|weeks?|months?|years?|nights?|sessions?|lessons?|classes|times|pieces|pcs|pairs?|kg|kilos?)\b)/g;

// Expressions that mean one thing: matched on the whole text before splitting into words.
const PHRASES: [RegExp, string][] = [
  // "Sets up the app", "setting up": the one compound "set up", not a "set" of things.
  [/\bset(?:s|ting) up\b/g, " set up "],
  [/\b(booking fee|down ?payment|uang muka(?:nya)?|uang tanda jadi|tanda jadi|security (?:deposit|money))\b/g, " deposit "],
  // "Uang pangkal" is the fee paid once on joining.
  [/\buang pangkal(?:nya)?\b/g, " biaya pendaftaran "],
  // The money of a deposit is the deposit ("uang dp sy gmn?"), not a price asked.
  [/\buang\s+(?=dp\b|deposit\b)/g, " "],
  // How many come: "per head" is per person, "the final headcount" the number of guests.
  [/\b(?:per|a) head\b/g, " per person "],
  [/\b(?:head ?count|guest count)\b/g, " guests "],
  // "5kw", "3 kW": the power of a system, as the knowledge writes "3 kWp" (not "kw", a replica; not "kWh").
  [/\b(\d+(?:[.,]\d+)?) kwp?\b/g, "$1 kwp "],
  // A whole day is a full day ("whole day trip", "all day fishing", "full-day charter"); half a day is half a day.
  [/\b(?:whole|all|full)[- ]day\b/g, " full day "],
  [/\bhalf an? day\b/g, " half day "],
  // Locking in a date is booking it; coming to get someone is picking them up.
  [/\block(?:ing)?\s+in\s+(?:the\s+|a\s+|my\s+|our\s+)?(?:date|day|slot)\b/g, " book "],
  [/\b(?:come|coming|came)\s+(?:and\s+)?(?:get|fetch)\s+(?:us|me|them)\b/g, " pick up "],
  // Going out on a trip ("before we go out", "take a boat out fishing") is the trip itself.
  [/\b(go|going|goes|went|head|heading|come|coming|comes|came|fly|flying|flies|flew)\s+out\b/g, " $1 "],
  [/\b(take|taking|takes|took)\s+((?:a|the|our|my)\s+)?(\p{L}+)\s+out\b/gu, " $1 $2$3 "],
  // "An open pickup truck": the pickup.
  [/\bpick ?up truck\b/g, " pickup "],
  // "Can u sort out the legalisation", "sort it out for me": doing it, which is what any service is asked.
  [/\bsort(?:ing)? (?:it |this |that |them )?out\b/g, " "],
  // "Lewat jam 13.00" is after 13.00 (not "via", as in "order lewat WA").
  [/\blewat(?=\s+(?:jam|pukul)?\s*\d{1,2}\b)/g, " setelah "],
  // "24h", "24 jam", "24hrs": around the clock, as the knowledge writes "24-hour".
  [/\b24\s?(?:h|hr|hrs|jam)\b/g, " 24 hour "],
  // Attending a wedding as a guest is "kondangan".
  [/\b(?:attend(?:ing)?|go(?:ing)? to)\s+(?:a\s+|my\s+|the\s+)?(?:(?:friend|cousin|colleague|sister|brother)(?:'?s)?\s+)?wedding\b/g, " kondangan "],
  // "BB" after losing, gaining or keeping is body weight ("nurunin bb"), not a BB cream.
  [/\b(nurunin|turunin|turun|turunkan|menurunkan|naikin|naik|naikkan|jaga|menjaga)\s+bb\b/g, " $1 berat badan "],
  // "Di daerah mana" (in which area) asks where, as "di mana" does.
  [/\bdi\s+daerah\s+mana\b/g, " dimana "],
  // "Tempat lesnya dmn?": the place asked where is the business's own, not a word of what is asked.
  [/\btempat(?:nya)?\b(?=\s+\p{L}+\s+(?:dmn|dimana|di\s+mana|mana)\b)/gu, " "],
  // "Sebelah mana" (whereabouts) asks where as well.
  [/\bsebelah\s+mana\b/g, " dimana "],
  // Working for oneself is being self-employed ("wiraswasta"); second-hand is used; a site visit is a visit.
  [/\b(?:usaha sendiri|bisnis sendiri|self[- ]employed|pengusaha|business owners?)\b/g, " wiraswasta "],
  [/\bsecond[- ]?hand\b/g, " second "],
  // A thing that has run out ("barangnya abis", "stok kosong") is sold out.
  [/\b(?:barang|barangnya|stok|stoknya|stock|stocknya|item|itemnya)\s+(?:(?:ga|gak|tidak|tdk|nggak)\s+ada|habis|abis|kosong)\b|\b(?:out of stock|sold out|kehabisan)\b/g, " soldout "],
  [/\bsite visits?\b/g, " visit "],
  // Changing one's mind, or not going ahead ("ga jadi"), is cancelling; the top tier is the package itself.
  [/\bchang(?:e|ed|ing) (?:my|our) minds?\b|\b(?:ga|gak|nggak|ngga|tidak|tdk|gk) jadi\b/g, " cancel "],
  [/\btop[ -]?tier\b/g, " "],
  // "How late are you open" asks the closing time.
  [/\bhow late\b(?=(?:\s+\p{L}+){0,3}\s+(?:open|opened)\b)/gu, " what time close "],
  // "How late can I bring my dog in", "how late can we come": the latest time to come, which the closing time says.
  [/\bhow late\s+(?:can|could|may)\s+(?:i|we|u|you)\s+(?:come|bring|visit|drop|walk|stop|pop|arrive)(?:\s+(?:my|our|the|a|an)\s+\p{L}+)?(?:\s+(?:in|by|over|off))?(?!\p{L})/gu, " what time close "],
  // The fasting month is Ramadan ("pas bulan puasa tutup jam brp?").
  [/\bbulan\s+(?:puasa|ramadh?an)\b/g, " ramadan "],
  // Coming over ("cowo sy boleh main ke kos?") is coming as a guest ("bertamu"); paying the rent or the bill is paying.
  [/\bmain\s+(?=ke\s)/g, " bertamu "],
  [/\b(pay|paying|paid)\s+(?:the|my|our)\s+(?:rent|bill|bills|fee|fees|invoice|tuition)\b/g, " $1 "],
  // "Wetsuits or at least rash guards": a second choice, not a minimum.
  [/\bor at least\b/g, " or "],
  // "Buka icloud", "buka kunci": unlocking a device or account, not opening hours.
  [/\bbuka\s+(?=(?:kunci|icloud|akun|sandi|password|pola|pin|blokir|blokiran|bootloader|frp)\b)/g, " unlock "],
  // An event that runs long or over needs overtime ("if the party runs long, how much per extra hour?").
  // Not "goes over the 3 hours", which names the time it runs past.
  [/\b(?:runs?|running|ran)\s+(?:long|longer|over|overtime|late)\b(?!\s+(?:the\b|\d))/g, " overtime "],
  // "A couple hours", "a couple of days": two of them.
  [/\ba\s+couple(?:\s+of)?(?=\s+(?:hours?|hrs?|days?|nights?|weeks?|months?|sessions?)\b)/g, " 2 "],
  // "Per jam" is per hour, not the opening hours ("ruang meeting brp per jam?").
  [/\bper\s?jam\b/g, " per hour "],
  // A night dive or tour is a thing of its own, not the "night" of "good night" (a word skipped).
  [/\bnight[\s-]+(dives?|diving|snorkel(?:ing|ling)?|tours?|trips?|safari|fishing|walks?|swim(?:ming)?|market|class(?:es)?)\b/g, " nighttime $1 "],
  // A progress update is the progress reported.
  [/\b(?:progress|progres)\s+updates?\b/g, " progress "],
  // "Potong Rp 2.000 per sak": an amount taken off the price, a discount ("potongan").
  [/\bpotong(?=\s+(?:rp|idr|\d))/g, " potongan "],
  // "Once the move is done" is after it.
  [/\bonce(?=\s+(?:the|my|our|your|it|it's|its|we|we're|i|i'm|you|they|everything|all)\b)/g, " after "],
  // Going home to one's village ("pulang kampung") is "mudik", a circumstance.
  [/\bpulang\s+kampung\b/g, " mudik "],
  // "What hours" asks a time, as "what time" does.
  [/\b(?:what|which) hours\b/g, " what time "],
  // "Working hours", "business hours": the hours the business is open, not work that is done.
  [/\b(?:working|work|business) hours\b/g, " hours "],
  // "Get rid of rats": what pest control does by definition, not a word of what is asked.
  [/\b(?:get|getting|got) rid of\b/g, " "],
  // "Do you work on Sundays?" asks whether the business is open then.
  [/\b(?:do|does|will) (?:you|u|ya|they) (?:guys )?work(?= (?:on|today|tomorrow|tmrw|during|over|this|weekends?|sundays?|saturdays?|public|holidays?)\b)/g, " are you open "],
  // "2BR" after a number is bedrooms.
  [/\b(\d+)\s?br\b/g, " $1 bedroom "],
  // "12x" is twelve times ("kursus yg 12x"); "2x2" (a size), "1x24 jam" and how often ("2x seminggu") are not.
  [/\b(\d+)x(?![\d\p{L}])(?!\s*(?:(?:se|per|a|an|every|tiap|dalam)\s?)?(?:hari|minggu|bulan|tahun|day|week|month|year)\b)/gu, " $1 kali "],
  // Splitting a payment is paying in instalments; a belly button is a navel.
  [/\bsplit(?:ting)?\s+(?:the\s+|my\s+)?(?:payment|payments|bill|cost)\b/g, " installment "],
  [/\bbelly\s?buttons?\b/g, " navel "],
  // Grown-ups are adults; "as well" adds nothing to what is asked.
  [/\bgrown[\s-]?ups?\b/g, " adults "],
  [/\bas well\b/g, " "],
  // Paying "the full amount" is paying in full.
  [/\b(?:the )?full amount\b/g, " full "],
  // Where the customer lives is where they are, not something asked about ("i live in east jakarta", "rumah sy di cikarang").
  [/\b(?:i|we|aku|saya|sy|gw|gue|kami)\s+(?:live|living|stay|staying|reside|tinggal)\s+(?=in\b|at\b|near\b|di\b|daerah\b)/g, " "],
  [/\brumah\s+(?:saya|sy|aku|ak|gw|gue|kami)\s+(?=di\b|daerah\b)/g, " "],
  // A wheel that wobbles is trued ("stel velg", "velg oleng").
  [/\b(?:stel|setel|nyetel)\s+(?:velg|roda|wheel)(?:nya)?(?:\s+(?:(?:yg|yang)\s+)?(?:oleng|goyang|bengkok))?\b/g, " wheel truing "],
  [/\b(?:velg|roda|wheel)(?:nya)?\s+(?:(?:yg|yang)\s+)?(?:oleng|goyang|bengkok|wobbly|wobbles|wobbling|bent)\b/g, " wheel truing "],
  // Installing again is reinstalling ("instal ulang windows"), not "ulang" (again) on its own.
  [/\b(?:instal|install|pasang)\s+ulang\b/g, " reinstall "],
  // A washer is a washing machine ("mesin cuci"); a fridge's doors are counted ("single door" is "1 pintu").
  [/\b(?:washing machines?|washers?)\b/g, " mesin cuci "],
  [/\b(?:single|one)[ -]door\b/g, " 1 pintu "],
  [/\b(?:double|two)[ -]door\b/g, " 2 pintu "],
  // A PIN code is not a pin dropped on a map ("share pin lokasi").
  [/\b(?:pin\s*codes?|kode\s*pin|pin\s*numbers?|nomor\s*pin)\b/g, " pincode "],
  // "Up to Rp 100.000.000" is the most there is.
  [/\bup to(?=\s+(?:rp|idr|\d))/g, "maximum"],
  // "Cat minyak" is oil paint.
  [/\bcat minyak\b/g, " oil paint "],
  // Tasting the menu before ordering is a food tasting.
  [/\b(?:cicip|icip|nyicip|nyicipin|taste|test)\s+(?:menu|menunya|makanan|makanannya|food|the food)\b/g, " tasting "],
  // What might happen is not what is asked about: "worst case if the bike gets stolen".
  [/\b(?:worst case|in case|just in case)\b/g, " "],
  // Subscribing to deliveries on a schedule.
  [/\b(?:regular|routine|rutin) (?:deliver(?:y|ies)|order(?:s)?)\b/g, " langganan "],
  // A day care is looking after during the day, not boarding overnight.
  [/\b(?:day care|(?:pe)?nitip(?:an)? harian|titip harian)\b/g, " daycare "],
  // Sizes written "2 x 2" and "2x2" are one size, decimals too ("2 x 1,25 m"); "1 x 24 jam" is a time and stays.
  [/\b(\d+(?:,\d+)?)\s*x\s*(\d+(?:,\d+)?)(?![\d.,]|\s*(?:jam|hours?|hari|days?)\b)/g, " $1x$2 "],
  // "Tambah brp?" asks what comes on top, as "ada tambahan?" does; a price range is a price.
  [/\b(?:tambah|nambah|ditambah)\s+(brp|berapa)\b/g, " biaya tambahan $1 "],
  [/\b(?:price range|range harga|range harganya|kisaran harga|kisaran harganya|harga kisaran)\b/g, " price "],
  // In chat "smp" before a time is "sampai" (until), not a junior high school: "buka smp jam brp?".
  [/\bsmp(?=\s+(?:jam|jm|pukul|pkl|kapan|\d))/g, " sampai "],
  // A regular service is also a periodic one ("servis berkala"), and the reverse.
  [/\b(?:regular|routine|periodic|scheduled|rutin) (?:service|servicing|maintenance|servis)\b|\bservis (?:rutin|berkala)\b/g, " regular servis berkala "],
  // A wheel alignment is spooring (one service, not a wheel).
  [/\bwheel alignments?\b/g, " spooring "],
  // A flower board is a "papan bunga" (not boarding).
  [/\bflower boards?\b|\bboards? of flowers\b/g, " papan bunga "],
  // A square metre is m2; a hard disk is an HDD; money left as a guarantee is a deposit; sending without a name is anonymous.
  [/\b(?:meter|metre|m) persegi\b|\bsquare (?:meters?|metres?)\b/g, " m2 "],
  [/\bhard ?(?:dis[ck]s?|drives?)\b/g, " hdd "],
  [/\buang jaminan(?:nya)?\b/g, " deposit "],
  [/\b(?:without|w\/o) (?:my|our|the sender'?s?) names?(?: on it)?\b|\btanpa nama(?: saya| sy| aku| pengirim)?\b/g, " anonim "],
  // "Siap" alone says nothing ("siap kak"); what is to be got ready ("disiapin", "persiapkan") is what to prepare.
  [/\b(?:di|me|mem|ny)?(?:per)?siap(?:kan|in)\b/g, " prepare "],
  // A visitor visa is a tourist visa.
  [/\bvisitor visas?\b/g, " tourist visa "],
  // Water that does not flow away is a blocked drain.
  [/\b(?:ga|gak|nggak|ngga|tidak|tdk|gk) (?:ngalir|mengalir|lancar)\b/g, " mampet "],
  [/\bkm mandi\b/g, " kamar mandi "],
  // "Brand new" is new, not a brand; a breed's first word is not a thing of its own ("golden retriever" is no gold).
  [/\bbrand[ -]new\b/g, " new "],
  [/\bgolden retrievers?\b/g, " retriever "],
  // A price asked for one day, night, week or month ("pcx sehari brp?", "brp semalam", "daily rate") is a price per it.
  [/\b(brp|berapa|berapaan)\s+se(hari|malam|minggu|bulan)\b/g, " $1 per $2 "],
  [/\bse(hari|malam|minggu|bulan)(?=\s+(?:brp|berapa|berapaan)\b)/g, " per $1 "],
  [/\bdaily\s+(rates?|prices?|cost|fees?|tuition|rent)\b/g, " $1 per day "],
  [/\bnightly\s+(rates?|prices?|cost|fees?)\b/g, " $1 per night "],
  [/\bweekly\s+(rates?|prices?|cost|fees?|tuition|rent)\b/g, " $1 per week "],
  [/\bmonthly\s+(rates?|prices?|cost|fees?|tuition|rent)\b/g, " $1 per month "],
  // "SPP bulanan", "biaya harian": the fee per month, per day, as the English above.
  [/\b(spp|iuran|biaya)\s+(hari|minggu|bulan|tahun)an\b/g, " $1 per $2 "],
  // A book to read or carry ("the vaccination book", "a book") is a "buku", not a booking.
  [/\b(the|a|an|your|my|our|their|his|her|its|vaccination|vaccine|health|exercise|note|text|guest|log|pass|story|work|recipe|rule|hand|phone|address)\s+books?\b/g, " $1 buku "],
  // What comes on top of something is asked about for itself: "a registration fee on top of the lessons".
  [/\bon top of\b/g, " "],
  // Telling the business ahead is notifying it; being told ("pls let me know if…") is asking.
  [/\b(let us know|tell us|telling us|inform us|notify us)\b/g, " notify "],
  [/\blet me know\b/g, " tell "],
  // When something happens is a circumstance, not the thing asked about: "moving out next week".
  [/\b(?:next|this|coming) (?:week|month|year|weekend)\b|\b(?:minggu|bulan|tahun) depan\b/g, " "],
  // So is when the customer is free: "after work", "before school".
  [/\b(?:after|before) (?:work|school|office)\b/g, " "],
  // Bringing or sending a thing back is returning it.
  [/\b(bring|brings|bringing|brought|send|sending|sent|give|giving|take|taking)((?: (?!back\b)\w+){0,3}) back\b/g, " return$2 "],
  [/\b(?:1|one)[- ]on[- ](?:1|one)\b/g, " private "],
  // A new connection is an installation.
  [/\b(?:pasang|psg) baru\b/g, " installation "],
  [/\b(?:fair usage|fair use)(?: policy)?\b/g, " fup "],
  // Which card stays said: a credit card is not a debit card ("kredit" alone is an instalment plan).
  [/\b(kartu kredit|credit cards?)\b/g, " credit card "],
  // "cc" alone is a credit card; after a number it is an engine's size ("150cc", "150 cc").
  [/(?<!\d\s?)\bcc\b/g, " credit card "],
  [/\b(kartu debit|debit cards?)\b/g, " debit card "],
  [/\bcheck[ -]?ups?\b/g, " checkup "],
  [/\bbulu mata\b/g, " eyelash "],
  // A customer selling their own thing to the business is a trade-in, not the business selling.
  // Selling it through the business ("sell my house through your agency") is not selling it to the business.
  [/\b(?:sell|selling|jual|jualin|menjual)\s+(?:my|our)\s+(\w+)\s+(?:through|thru|via|lewat|melalui)\b/g, " sell $1 "],
  [/\b(?:sell|selling|jual|jualin|menjual)(?: (?:my|our)(?: \w+)?| mine| ours|(?: \w+)? (?:saya|sy|aku|gue|gw)| punya (?:saya|sy|aku|gue|gw))\b|\bbuy ?back\b/g, " buyback "],
  [/\b(?:trade[ -]?ins?|tuk[ae]r tambah|tt)\b/g, " tradein "],
  [/\b(somewhere else|anywhere else|elsewhere|(?:di |dari )?tempat lain|di luar sini)\b/g, " elsewhere "],
  // An electric motorbike or car is a kind of its own, not the electrics of one.
  [/\b(motor listrik|electric (?:motorbike|motorcycle|scooter)s?)\b/g, " emotor "],
  [/\b(mobil listrik|electric cars?|ev)\b/g, " ecar "],
  [/\b(sepeda listrik|electric bikes?|e-?bikes?)\b/g, " ebike "],
  [/\bdrop[ -]?ins?\b/g, " dropin "],
  [/\b(asi perah|asi|breast ?milk|pumped milk)\b/g, " breastmilk "],
  [/\b(p3k|first[ -]aid|pertolongan pertama)\b/g, " firstaid "],
  [/\b(ministry of religious affairs|kementerian agama)\b/g, " kemenag "],
  [/\b(?:anti[ -]?)?blue[ -]?(?:light|ray)(?: filter| protection)?\b/g, " bluelight "],
  [/\bsign(?:ing|ed|s)?[ -]?up\b/g, " register "],
  [/\b(full payment|final payment|pay(?:ing)? (?:it )?off)\b/g, " sisa "],
  // "3 minggu" is three weeks, "hari minggu" is Sunday.
  [/(\d)\s*minggu\b/g, "$1 pekan"],
  [/\bhari minggu\b/g, " ahad "],
  [/\bwalk[ -]?ins?\b/g, " walkin "],
  [/\bx[ -]?rays?\b/g, " xray "],
  [/\bkarang gigi\b/g, " scaling "],
  [/\bkawat gigi\b/g, " braces "],
  [/\bdokter gigi\b/g, " dentist "],
  [/\b(dokter umum|general practitioner)\b/g, " gp "],
  [/\b(hari kerja|hari biasa|weekday biasa)\b/g, " weekdays "],
  [/\b(akhir pekan|akhir minggu|week ?ends?)\b/g, " weekend "],
  // "The rest" of a payment is what remains to be paid.
  [/\b(the rest|sisanya|sisa pembayaran|remaining payment|balance payment)\b/g, " sisa "],
  // "Malam minggu" is Saturday night, the start of the weekend.
  [/\b(malam minggu|malming|saturday night)\b/g, " sabtu malam "],
  [/\b(setiap hari|tiap hari|every day|everyday|7 days a week|seven days a week)\b/g, " daily "],
  [/\b(potong rambut|hair ?cut)\b/g, " haircut "],
  [/\b(tanggal merah|hari libur|libur nasional)\b/g, " holiday "],
  [/\bstatement of purpose\b/g, " statementofpurpose "],
  [/\bpick(?:ed|ing)?[ -]?ups?\b/g, " pickup "],
  [/\bdrop(?:ped|ping)?[ -]?offs?\b/g, " delivery "],
  [/\b(lepas kunci|self[ -]?drive|tanpa (?:sopir|supir|driver)|without (?:a )?driver|nyetir sendiri)\b/g, " nodriver "],
  [/\b(paling lambat|at the latest|paling telat|paling mepet)\b/g, " "],
  [/\b(ongkos kirim|biaya kirim|biaya antar|shipping (?:fee|cost)|delivery (?:fee|charge|cost))\b/g, " delivery fee "],
  [/\b(tanggal merah|public holidays?|national holidays?)\b/g, " holiday "],
  [/\b(make[ -]?up|makeup artist|mua)\b/g, " makeup "],
  [/\bblow[ -]?dry(?:ing)?\b/g, " blowdry "],
  [/\bbed[ -]?covers?\b/g, " bedcover "],
  [/\b(e[ -]?wallet|dompet digital)\b/g, " ewallet "],
  [/\b(how old|berapa umur|umur berapa|usia berapa|berapa usia)\b/g, " age "],
  [/\b(last[ -]minute|short notice|mendadak)\b/g, " lastminute "],
  [/\b(pas ?foto|passport[ -]?(?:size )?photos?|id photos?)\b/g, " pasfoto "],
  [/\b(kamar mandi dalam|km dalam|private bathroom|en[ -]?suite(?: bathroom)?|attached bathroom)\b/g, " ensuite "],
  [/\b(broke down|broken down|break ?down)\b/g, " mogok "],
  [/\b(security guards?)\b/g, " guard "],
  [/\bsame[ -]day\b/g, " sameday "],
  // Results "keluar" (come out): they are ready, nobody leaves.
  [/\b(hasil\w*(?: \w+)?) (?:keluar|kluar|kelar|jadi)(?:nya)?\b/g, " $1 "],
  [/\b(?:the |my |our |a )?(?:date|schedule|appointment|booking|session)s? (?:can|could|may) (?:be |also be )?(?:moved|changed|rescheduled|postponed)\b|\b(?:jadwal|tanggal)(?:nya)? (?:bisa |boleh |dapat )?(?:di)?(?:undur|mundur|ganti|ubah|pindah|geser|tukar)\b|\b(ganti|ubah|pindah|geser|tukar|undur|mundur|mundurin|majuin|majukan) (jadwal|tanggal|jam|hari)\b|\b(change|move) (the |my )?(date|schedule|appointment|booking|session)\b/g, " reschedule "],
  [/\b(non[ -]?refundable|tidak bisa dikembalikan|tidak dikembalikan)\b/g, " nonrefundable "],
  // Where something is, said by what is beside it.
  [/\b(next to|in front of|beside|across from|opposite to)\b/g, " near "],
  // "30% off" is a discount; "no extra charge", "tanpa biaya" is free.
  [/\bpercent off\b/g, " percent discount "],
  [/\b(without|no|tanpa|free of|bebas) (?:any |extra |additional |tambahan )?(fees?|charges?|costs?|biaya|ongkos)\b/g, " free "],
  // "H-1", "H-3": a day, three days before; "hari itu juga" is the same day.
  [/\bh ?- ?(\d{1,2})\b/g, " $1 hari sebelum "],
  [/\b(?:hari itu juga|(?:di )?hari yang sama)\b/g, " hari sameday "],
  // Not coming to a lesson is an absence; staying out of a place is leaving it.
  [/\b(?:tidak|ga|gak|nggak|ngga|gk|tdk) (?:masuk|hadir|dateng|datang)\b/g, " absent "],
  [/\bstay (?:out|away)\b/g, " leave "],
  // "How does the package work": how it goes, not work; "until it works" adds nothing asked.
  [/\bhow (does|do|will|would) (.{1,40}?) work\b/g, " how $1 $2 "],
  [/\buntil it works\b/g, " "],
  // A class "counted as used" or "hangus" is one the customer loses.
  [/\bcounts? as (?:a )?used(?: class| session)?\b/g, " forfeit "],
  // How deep a pool is.
  [/\b(?:ke)?dalam(?:an)?nya\b|\bkedalaman\b|\bdalemnya\b|\bhow deep\b/g, " depth "],
  [/\b(kolam\w*) (?:dalem|dalam)\b/g, "$1 depth"],
  // A cubic metre, whatever way it is written.
  [/\b(?:cubic met(?:er|re)s?|met(?:er|re)s? kubik|kubik)\b/g, " m3 "],
  // "Kena tambahan?" asks about an extra charge ("tambahan" alone is a stop word).
  [/\b(?:kena|ada|dikenakan|dikenain) (?:biaya )?tambahan\b/g, " biaya tambahan "],
  // "Bank account number" and "nomor rekening" ask for the account, not for a phone number.
  [/\b((?:bank )?account (?:number|no)|(?:nomor|no|nmr) (?:rekening|rek))\b/g, " rekening "],
  [/\b(top[ -]?up|isi ulang|refill)\b/g, " topup "],
  [/\btry[ -]?outs?\b/g, " tryout "],
  [/\bulang tahun\b/g, " birthday "],
  [/\b(orang ?tua|parents?)\b/g, " parent "],
  [/\bturn(?:s|ed)? (?:it )?on\b/g, " nyala "],
  // "Did I get my deposit back?" asks for a refund.
  [/\b(get|gets|got|getting)((?:\s+(?:my|the|our|any|it|money|deposit|dp|payment|fee|full|all|of|some|anything))*)\s+back\b/g, "$1$2 refund "],
  // School levels, as Indonesian schools name them.
  [/\b(elementary|primary) (?:school|students?)\b/g, " sd "],
  [/\b(junior high|middle school)(?: school)?\b/g, " smp "],
  [/\b(senior high|high school)(?: school)?\b/g, " sma "],
  // "up to 6 people", "maksimal 10 orang": how many fit.
  [/\b(up to|max(?:imum)?|maksimal|maks|hingga|sampai) (\d+) (people|persons|orang|pax|guests|tamu|peserta|penumpang|passengers)\b/g, " $1 $2 $3 capacity "],
  // Not eating before a test or a surgery is fasting.
  [/\b(skip(?:ping)? (?:food|meals?|eating|breakfast)|no food|not eat(?:ing)?|(?:tidak|gak|ga|nggak|jangan) makan)\b/g, " fasting "],
  // A tax number is the "NPWP".
  [/\b(?:personal |company )?tax (?:id(?:entification)? )?(?:number|no)\b|\btax id\b/g, " npwp "],
  // A tax return is the "SPT" Indonesian knowledge writes; spreading a payment is paying in instalments.
  [/\b(?:annual )?tax returns?\b/g, " spt "],
  [/\bspread(?:ing)?\s+(?:out\s+)?(?:the\s+|my\s+)?(?:payment|payments|cost|bill)(?:\s+out)?\b/g, " installment "],
  // Out of town and within the city, as Indonesian knowledge writes them ("tarif luar kota", "dalam kota").
  [/\b(?:out of town|outside (?:the )?(?:city|town))\b/g, " luar kota "],
  [/\b(?:within|inside) (?:the )?(?:city|town)\b/g, " dalam kota "],
  // "a 3yo", "3 y.o.": years of age.
  [/(\d) ?(?:yo|y\.o\.?|yrs? old|years? old)\b/g, "$1 year "],
];

/**
 * Expressions of several words that name one thing: each is one word to the
 * lexicon, so "bulan madu" (a honeymoon) does not make "bulan" (a month) mean a
 * honeymoon, and "wedding day" does not make every "day" a wedding.
 */
export const COMPOUNDS: readonly string[] = [
  "kamar mandi", "tanggal merah", "dark spot", "dark spots", "ready stock", "makan siang", "makan malam", "tempat duduk", "air conditioning", "kolam renang",
  "pesan tempat", "bandar udara", "driving permit", "driving licence", "driving license", "driver license", "air conditioner", "air conditioners", "ganti rugi", "bed sheet", "wedding day",
  "security guard", "air terjun", "bulan madu", "prayer room", "living room", "ruang tamu", "kursi roda", "packed lunch", "ulang tahun",
  "full stack", "power bank", "tatap muka", "obat bius", "call out", "bea cukai", "bea masuk", "united kingdom", "united states", "amerika serikat",
  "luar kota", "keluar kota", "dalam kota", "set up", "rumah sakit", "city car", "x ray", "rawat inap", "tengah malam",
];
const COMPOUND_SET = new Set(COMPOUNDS);

/**
 * Compounds joined into one token ("bulan madu" → "bulanmadu"), after chat spellings are expanded ("tgl merah"); with
 * its particle too ("makan malamnya").
 */
function joinCompounds(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const next = tokens[i + 1]?.replace(/nya$/, "");
    if (i + 1 < tokens.length && COMPOUND_SET.has(`${tokens[i]} ${next}`)) {
      out.push(tokens[i]! + next!);
      i++;
    } else out.push(tokens[i]!);
  }
  return out;
}

/**
 * The words of a message as a customer meant them: lower case, diacritics
 * folded, elongations collapsed ("pleaseee" → "please"), reduplication folded
 * ("anak2" → "anak"), chat abbreviations and common misspellings expanded.
 */
export function words(text: string): string[] {
  // "US" in capitals beside lowercase words is the country, not "us" ("how much for a US tourist visa?").
  let t = (/\p{Ll}/u.test(text) ? text.replace(/\bUSA?\b(?![$\w])/g, " usa ") : text)
    .toLowerCase()
    .replace(/(\p{L})\1{2,}/gu, "$1")
    // "Don't", "won't", "didn’t" are the chat spellings "dont", "wont", "didnt" (see SHORT), not "don" and a "t".
    .replace(/(\p{L})n['’]t\b/gu, "$1nt")
    // "I've", "we're", "you'll", "I'd": the word without its auxiliary (not a word "ve" the knowledge never uses).
    .replace(/(\p{L})['’](?:ve|re|ll|d)\b/gu, "$1")
    // "10%" is "10 percent"; "9am", "9 pm", "9.30pm" are clock times (the number itself is not a concept).
    .replace(/(\d)\s*%/g, "$1 percent")
    .replace(/\b(\d{1,2}(?:[:.]\d{2})?)\s*(?:am|pm|a\.m\.|p\.m\.|wib|wita|wit)\b/g, "$1 ")
    // "2day", "2nite", "2moro" in chat are today, tonight, tomorrow.
    .replace(/\b2(day|nite|nyt|night|moro|morrow|mrw)\b/g, (_, x: string) => (x === "day" ? "today" : x.startsWith("n") ? "tonight" : "tomorrow"))
    // "30kg", "5km", "2pk", "3yo": the number and its unit are two words (not "1st", "2nd"; a single
    // letter names a kind of thing with its number: "3D", "4K", "5G").
    .replace(/(\d)(?!st\b|nd\b|rd\b|th\b)([a-z]{2,5}|m2)\b/g, "$1 $2");
  for (const [re, to] of PHRASES) t = t.replace(re, to);
  t = t.replace(NUMBER_WORD, (w) => ` ${NUMBER_WORDS[w]} `);
  const tokens = tokenize(t);
  // "hrs" is "harus" (must) in an Indonesian message and "hours" in an English one.
  const indonesian = tokens.some((w) => INDONESIAN_CHAT.has(w));
  return joinCompounds(
    tokens.flatMap((w) => {
      if (indonesian && AMBIGUOUS_ID[w]) return AMBIGUOUS_ID[w].split(" ");
      // "2" and "4" are "to" and "for" in English chat only: "rumah 2 lantai" is a two-storey house.
      if (indonesian && /^\d+$/.test(w)) return [w];
      const base = /^(\p{L}{3,})2$/u.exec(w)?.[1] ?? w;
      if (SHORT[base]) return SHORT[base].split(" ");
      // A chat spelling with its particle: "sblmnya", "hrgnya", "almtnya".
      const bare = /^(\p{L}{2,})(nya|ny)$/u.exec(base)?.[1];
      return (bare && SHORT[bare] ? `${SHORT[bare]}nya` : base).split(" ");
    }),
  );
}

function stemEn(w: string): string {
  if (w.length <= 3) return w;
  // The plural of a word in "-ing" stems as its singular: "weddings", "meetings", "bookings".
  if (/\p{L}{4,}ings$/u.test(w)) w = w.slice(0, -1);
  // "vaccination", "vaccinated", "vaccines" → "vaccin"; "location", "located" → "locat".
  const s = dropFinalE(stripEnSuffix(w.replace(/ation(s)?$/, "ate")));
  return s.length - 2 >= 4 && s.endsWith("at") ? s.slice(0, -2) : s;
}

/** "close"/"closed"/"closes" → "clos", "price"/"prices" → "pric". */
const dropFinalE = (w: string) => (w.length > 4 && w.endsWith("e") ? w.slice(0, -1) : w);

function stripEnSuffix(w: string): string {
  for (const [suffix, replace] of [
    ["ies", "y"],
    ["ing", ""],
    ["edly", ""],
    ["ed", ""],
    ["ly", ""],
    ["es", ""],
    ["s", ""],
  ] as const) {
    // "process", "status", "basis" keep their final s.
    if (suffix === "s" && /(ss|us|is)$/.test(w)) continue;
    // "-es" is a suffix after s, x, z, ch, sh ("classes", "boxes"); "shoes" is "shoe" + s.
    if (suffix === "es" && !/(s|x|z|ch|sh)es$/.test(w)) continue;
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      const stem = w.slice(0, -suffix.length) + replace;
      // "running" → "run", "stopped" → "stop"
      if (/([bdgmnprt])\1$/.test(stem)) return stem.slice(0, -1);
      // "diving" → "dive", "rated" → "rate": a short root in consonant–vowel–consonant had lost its "e" (not before the
      // letters Indonesian roots in "-ing" end on: "masing", "kucing", "daging", "kuning").
      return (suffix === "ing" || suffix === "ed") && /^[^aeiou][aeiou][dkmptvz]$/.test(stem) ? `${stem}e` : stem;
    }
  }
  return w;
}

// Two consonants an Indonesian root (or a word it has taken in) can begin with.
const ONSETS = /^(?:bl|br|ch|dr|dw|fl|fr|gl|gr|kh|kl|kr|kw|ng|ny|pl|pr|ps|sk|sl|sm|sn|sp|st|sw|sy|tr|ts)/;

function stemId(w: string): string {
  // Particles and possessives come off even short words: "harganya" → "harga", "brpnya" → "brp".
  // Not a root that ends like a particle: "sebelah", "sekolah", "masalah", "jumlah" keep their "-lah".
  let s = w.length > 5 ? w.replace(/(lah|kah|pun|nya)$/, (m) => (m === "nya" || w.length - m.length >= 5 ? "" : m)) : w;
  // "My" after a root in "k": "adikku", "anakku" (no root ends in "kku").
  s = s.replace(/(?<=\p{L}{2}k)ku$/u, "");
  if (s.length <= 4) return s;
  // Colloquial "-in" ("bersihin") and the standard "-kan", "-an", "-i".
  const whole = s;
  // "ke-…-an" and "pe-…-an" wrap the root with "-an" alone, so a root in "k" keeps it: "kerusakan" is "rusak", "pendidikan" "didik".
  if (/^(ke|pe)\p{L}+kan$/u.test(s)) s = s.length - 2 >= 5 ? s.slice(0, -2) : s;
  else s = s.replace(/(kan|in|an|i)$/, (m) => (s.length - m.length >= 4 ? "" : m));
  // "di-" before a root that ends as a suffix does ("dicuci", "dibeli", "dicari"): the root, not "dicuc".
  const di = /^di(?=[^aiueo])/.exec(whole);
  if (di && s !== whole && s.length - 2 < 4 && whole.length - 2 >= 3) return stemId(whole.slice(2));
  // Colloquial "nge-"/"ng-" ("ngecat" → "cat", "nganter" → "anter", "ngurus" → "urus").
  const ng = /^nge(?=[^aiueo])|^ng(?=[aiueo])/.exec(s);
  if (ng && s.length - ng[0].length >= 3) return s.slice(ng[0].length);
  // Prefixes with the sound changes they cause: "menyewa" → "sewa", "menerima" → "terima", "memilih" → "pilih".
  const p = /^(meny|peny)([aiueo])/.exec(s);
  if (p && s.length - 4 >= 3) return "s" + s.slice(4);
  const m = /^(mem|pem)([aiueo])/.exec(s);
  if (m && s.length - 3 >= 3) return "p" + s.slice(3);
  const n = /^(men|pen)([aiueo])/.exec(s);
  if (n && s.length - 3 >= 3) return "t" + s.slice(3);
  // Not the "di" of an English word before "s" and a consonant: "dishes", "discount", "display".
  // Not a prefix when what follows cannot begin an Indonesian root: two consonants no root starts with ("difference",
  // "personal", "between"), a bare "be-" before two ("bedroom"), or a bare "me-" before a sound it never stands before
  // ("meeting", "metode", "mebel").
  s = s.replace(/^(meng|peng|mem|men|me|pem|pen|pe|ber|be|di(?!s[^aiueo])|ter|ke|se)/, (x) => {
    const rest = s.slice(x.length);
    if (rest.length < 4) return x;
    if (/^[^aiueo][^aiueo]/.test(rest) && !ONSETS.test(rest)) return x;
    if (x === "me" && !/^[lmnrwy]/.test(rest)) return x;
    if (x === "be" && /^[^aiueo][^aiueo]/.test(rest)) return x;
    // An English word in "-ing" ("diving", "dining", "keeping") or a root that ends so ("kering"): no root of four
    // or five letters ends in "-ing" after a prefix.
    if (rest.length <= 5 && rest.endsWith("ing")) return x;
    return "";
  });
  // "Keterlambatan", "ketersediaan": "ke-…-an" around a word in "ter-", stemmed as that word alone is ("terlambat").
  if (s !== whole && /^ke/.test(whole) && /^ter/.test(s)) return stemId(s);
  // Two prefixes: "keberangkatan", "diberangkatkan" are of "berangkat", itself of "angkat".
  if (s !== whole && /^ber/.test(s) && !/^ber/.test(whole) && s.length - 3 >= 4) s = s.slice(3);
  return s;
}

// Words whose affixes the rules above read wrongly, with the stem they have: "dinding" (a wall) is not
// "di-" + "nding", "pengalaman" (experience) is not "alamat", "supply" is not "soup", "second" not "cond".
const STEM_AS: Record<string, string> = {
  dinding: "dinding", dindingnya: "dinding", dingin: "dingin", dinginnya: "dingin",
  second: "second", seconds: "second", security: "security",
  supply: "supply", supplies: "supply", supplied: "supply", supplying: "supply",
  pengalaman: "pengalaman", berpengalaman: "pengalaman", pengalamannya: "pengalaman",
  batas: "batas", batasnya: "batas", terbang: "terbang", terbangnya: "terbang", kelupas: "kelupas", mengelupas: "kelupas", ngelupas: "kelupas", terkelupas: "kelupas",
  mengecat: "cat", pengecatan: "cat", dicat: "cat", dicatnya: "cat",
  landing: "landing", landed: "landing",
  // What a thing holds ("berisi nasi, lauk…") is its "isi", not "beris".
  berisi: "isi", berisikan: "isi",
  // Detailing a car is a service of its own, not a detail asked for.
  detailing: "detailing",
  // A residence permit is not "kita" (we); the work on a car is "kerja" however it is said ("ngerjainnya").
  kitas: "kitas", kitasnya: "kitas",
  // Places whose names read as affixed words: Bekasi is not "bekas" (used), Kuningan not "kuning" (yellow).
  bekasi: "bekasi", kuningan: "kuningan", seminyak: "seminyak",
  // Yellow is not "kun" + "-ing"; yellowing is "menguning".
  kuning: "kuning", kuningnya: "kuning", menguning: "kuning", kekuningan: "kuning",
  // A goat ("kambing") is not "kamb" + "-ing"; a setting is not a set, "resmi" (official) not a receipt ("resi").
  kambing: "kambing", kambingnya: "kambing", setting: "setting", settings: "setting", resmi: "resmi", resminya: "resmi",
  // "Early" is not "ear", "seated" not "se-" + "ated", "cuping" (an earlobe) not "cup" + "-ing"; being
  // kept company ("ditemenin") is not a friend ("temen").
  early: "early", earlier: "early", seated: "seat", cuping: "cuping",
  temani: "temani", temenin: "temani", ditemenin: "temani", nemenin: "temani", ditemani: "temani", menemani: "temani",
  // "Lepas" (take off) is not an English plural.
  lepas: "lepas", melepas: "lepas", dilepas: "lepas", lepasnya: "lepas", ngelepas: "lepas",
  // A seminar is not "se-" + "minar"; a sudden ("dadakan") cancellation is "dadak", not "dada" (a chest).
  seminar: "seminar", seminarnya: "seminar", dadakan: "dadak", mendadak: "dadak",
  // An advanced course is a level, not paying "in advance".
  advanced: "advanced",
  // Formatting a disk is not a form.
  format: "format", formats: "format", formatted: "format", formatting: "format", diformat: "format", keformat: "format", terformat: "format",
  // "Direct" (a direct claim) is not "di-" + "rect".
  direct: "direct", directly: "direct",
  // A discount ("potongan") is not a cut ("buah potong", "potong rambut") nor an amount deducted ("dipotong dari SPP").
  potongan: "potongan", potongannya: "potongan",
  ngerjain: "kerja", ngerjainnya: "kerja", dikerjain: "kerja", dikerjakan: "kerja", pengerjaan: "kerja", pengerjaannya: "kerja",
};
// English words that begin as an Indonesian prefix does and would lose it into another word ("membership"
// is not "ship", "termite" not "mite", "meters" not "ter"): their English stem only.
for (const w of ["member", "members", "membership", "memberships", "termite", "termites", "meter", "meters", "terminal", "terminals"]) STEM_AS[w] = stemEn(w);

/** One stem that works for both languages: Indonesian affixes first, then English suffixes. */
export function stem(word: string): string {
  if (/^\p{N}/u.test(word)) return word;
  if (Object.hasOwn(STEM_AS, word)) return STEM_AS[word]!;
  // An English plural of a word in "-an" ("technicians") stems as its singular ("technician") does.
  if (/\p{L}{4,}ans$/u.test(word)) return stemEn(stemId(word.slice(0, -1)));
  return stemEn(stemId(word));
}

/** What a chat spelling stands for ("adres" → "address"), if it is one. */
export function chatSpelling(w: string): string | undefined {
  return Object.hasOwn(SHORT, w) ? SHORT[w] : undefined;
}

export function isStopWord(w: string): boolean {
  return STOP_EN.has(w) || STOP_ID.has(w);
}

/** Content terms of a text, stemmed, stop words removed. */
export function terms(text: string): string[] {
  return words(text)
    .filter((w) => !isStopWord(w))
    .map(stem)
    .filter((w) => w.length > 1);
}

export type Language = "en" | "id";

const ID_MARKERS = new Set(
  "yang dan di ke dari untuk dengan apa apakah berapa bagaimana kapan saya aku kami kita anda kamu ada tidak bisa mau ingin tolong halo terima kasih harga rumah kamar berhenti manusia sewa beli jual dong sih nya gak nggak bagaimana mohon sudah belum jam buka tutup kantor biaya kuliah daftar kak kakak min gan dong sih deh kok aja kalau boleh pakai ini itu buat juga lagi tanya dimana hari harga bulan tahun sampai sebelum setelah kami kita tersedia mulai selama setiap pukul".split(
    " ",
  ),
);
const EN_MARKERS = new Set(
  "the and is are what how when where which do does can you your i my we our price how much please hello hi thanks want would like is there open close office house room rent buy sell stop human apply fee".split(" "),
);

/** English or Indonesian, by marker words; `fallback` when unclear. */
export function detectLanguage(text: string, fallback: Language = "en"): Language {
  let id = 0;
  let en = 0;
  // Chat spelling first: "brp", "gmn", "ga" are Indonesian, "u", "ur" English.
  for (const w of words(text)) {
    if (ID_MARKERS.has(w)) id++;
    if (EN_MARKERS.has(w)) en++;
  }
  if (id === en) return fallback;
  return id > en ? "id" : "en";
}

/** Numbers as written (prices, dates, times), for checking that an answer invents none. */
export function numbersIn(text: string): string[] {
  return (text.match(/\d[\d.,:]*/g) ?? []).map((n) => n.replace(/[.,:]+$/, "").replace(/[.,]/g, ""));
}

/** Split into sentences, keeping list items and lines apart. */
export function sentences(text: string): string[] {
  return text
    // Not after a title or an abbreviation: "drg. Maya", "Jl. Sudirman", "No. 12".
    // Nor after an initial: "Jl. A. Yani", "Bpk. H. Salim".
    .split(/\n+|(?<!\b(?:[Dd]rg|[Dd]r|[Nn]o|[Jj]l|[Mm]r|[Mm]rs|[Mm]s|[Ss]t|[Pp]rof|[Ii]r|[Tt]el|[Pp]h|[Bb]pk|[Hh]j|a\.n|\p{Lu})\.)(?<=[.!?])\s+(?=[\p{Lu}\p{N}])/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
