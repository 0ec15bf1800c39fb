## Menu utama
start-greeting =
    Halo { $name }! 👋
    Di sini kamu bisa bayar tagihan PLN, PDAM, BPJS, HP, internet dan lainnya pakai saldo deposit.
    Mau apa hari ini?
menu-pay = 💡 Bayar tagihan
menu-prepaid = 📱 Pulsa, token & top-up
menu-balance = 💰 Saldo saya
menu-history = 🧾 Riwayat
menu-statement = 📒 Mutasi saldo
menu-help = ❓ Bantuan
menu-topup = 💳 Isi saldo
menu-previous = ⬅️ Sebelumnya
menu-next = Berikutnya ➡️
menu-back = ↩️ Kembali
menu-expired = Menu ini sudah kedaluwarsa. Ketik /start untuk mulai lagi.
fallback-unknown = Maaf, saya belum mengerti. Ketik /start untuk melihat menu.
blocked = Akun kamu sedang diblokir. Hubungi admin untuk bantuan.
error-generic = Maaf, terjadi kesalahan. Saldo kamu aman. Silakan coba lagi sebentar lagi.

## Bantuan
help-text =
    Cara pakai:
    1. Ketik /bayar atau pilih "Bayar tagihan".
    2. Pilih produk, lalu ketik nomor pelanggan.
    3. Cek ringkasan tagihan, lalu tekan "Bayar".
    Pembayaran diambil dari saldo deposit kamu.

    Perintah:
    /start – menu utama
    /bayar – bayar tagihan
    /beli – beli pulsa, paket data, token listrik, e-wallet, game, voucher
    /saldo – lihat saldo
    /deposit – cara isi saldo, lalu kabari admin
    /riwayat – riwayat transaksi dan struk
    /mutasi – mutasi saldo per periode (juga file CSV)
    /struk – struk bergambar dan biaya loket
    /favorit – nomor tersimpan, bayar lagi
    /tagihanku – tagihan bulanan tersimpan bulan ini
    /pengingat – pengingat tagihan bulanan (nyalakan/matikan)
    /bahasa – ganti bahasa (Indonesia/English)
    /batal – batalkan proses yang sedang berjalan
    /bantuan – bantuan ini
    /tautkan – satukan akun Telegram dan WhatsApp
    /stopinfo – berhenti menerima info dari admin (/mulaiinfo menyalakan lagi)
help-admin =
    Perintah admin (<pengguna> = id angka, @username atau no. HP; <jumlah> = 50000, 50.000, 50rb, 1jt):
    /topup <pengguna> <jumlah> [catatan] – tambah saldo
    /potong <pengguna> <jumlah> [catatan] – kurangi saldo
    /saldo <pengguna> – saldo pengguna
    /user <pengguna> – profil dan 5 transaksi terakhir
    /pending – pembayaran yang masih berjalan
    /cek <ref> – cek status pembayaran ke biller sekarang
    /selesaikan <ref> sukses|gagal [catatan] – selesaikan manual (gagal = dana dikembalikan)
    /saldoprovider – saldo deposit di provider
    /laporan [tanggal atau periode] – laporan (WIB): hari ini, kemarin, 7/12, desember 2026, 1/12 - 7/12
    /ringkasan – ringkasan keuangan: saldo pelanggan, deposit provider, omzet dan margin
    /export [bulan atau periode] – file CSV transaksi, mutasi saldo dan isi saldo
    /blokir <pengguna> – blokir pengguna
    /sembunyikan <kode> – sembunyikan produk prabayar dari menu
    /tampilkan <kode> – tampilkan lagi produk prabayar
    /reload – baca ulang katalog produk dan markup (data/products.json) tanpa restart
    /buka <pengguna> – buka blokir
    /deposits – permintaan isi saldo yang menunggu, dengan tombolnya, dan isi saldo otomatis
    /deposits <no.> [lunas [jumlah]|gagal] [catatan] – lihat atau selesaikan manual isi saldo otomatis
    /tautkan <pengguna> <pengguna> – satukan akun Telegram dan WhatsApp; /lepas <pengguna> – lepas tautannya
    /broadcast semua|level <level>|aktif <hari> – kirim pesan (di baris berikutnya) ke pengguna

## Saldo
balance-text = Saldo kamu: { $balance }
balance-topup-hint = Untuk isi saldo, ketik /deposit.
balance-held = Ditahan untuk pembayaran yang sedang diproses: { $amount } (belum termasuk saldo di atas).

## Batal
cancel-done = Dibatalkan. Saldo kamu tidak berubah.
cancel-nothing = Tidak ada proses yang sedang berjalan.

## Bayar tagihan
pay-choose-product = Mau bayar tagihan apa? Pilih jenisnya:
pay-chosen = Produk: { $product }
pay-choose-in-category = { $category } – pilih produk:
pay-ask-year = Ketik tahun pajak ({ $min }–{ $max }), contoh { $example }.
pay-year-invalid = Tahun tidak sesuai. Ketik 4 angka antara { $min } dan { $max }, contoh { $example }.
pay-ask-number =
    Ketik { $hint }.
    (Ketik /batal untuk membatalkan.)
pay-ask-field = Ketik { $hint }.
pay-ask-months = Bayar untuk berapa bulan?
pay-months-use-buttons = Pilih berapa bulan dengan tombol di atas, atau ketik /batal untuk membatalkan.
pay-ask-amount = Ketik nominal isi ulang, antara { $min } dan { $max } (kelipatan { $multiple }).
pay-number-invalid =
    Nomor "{ $input }" tidak sesuai. Yang dibutuhkan: { $hint }.
    Silakan ketik lagi, atau /batal untuk membatalkan.
pay-number-empty =
    Pesanmu kosong. Yang dibutuhkan: { $hint }.
    Silakan ketik lagi, atau /batal untuk membatalkan.
pay-amount-invalid =
    Nominal tidak sesuai. Ketik angka antara { $min } dan { $max }, kelipatan { $multiple }. Contoh: 50000
pay-checking = ⏳ Mengecek tagihan { $number }…
pay-checking-topup = ⏳ Mengecek nomor { $number }…
pay-rejected-customer = ❌ Tagihan tidak bisa diproses: { $reason }. Periksa lagi nomornya, lalu coba lagi.
pay-rejected-customer-topup = ❌ Isi ulang tidak bisa diproses: { $reason }. Periksa lagi nomornya, lalu coba lagi.
pay-rejected-provider = ❌ Layanan biller sedang gangguan ({ $reason }). Silakan coba lagi nanti.
pay-rejected-operator = ❌ Layanan sedang tidak tersedia. Admin sudah diberi tahu. Silakan coba lagi nanti.
pay-reason-wrong-number = ❌ Nomor ini tidak terdaftar di biller. Periksa lagi nomornya, lalu coba lagi dengan { $command }.
pay-retry-command-bill = /bayar
pay-retry-command-prepaid = /beli
pay-reason-already-paid = ✅ Tagihan ini sudah lunas, tidak ada yang perlu dibayar.
pay-reason-no-bill = ℹ️ Belum ada tagihan untuk nomor ini. Coba lagi setelah tagihan terbit.
pay-reason-no-bill-topup = ❌ Nomor ini belum bisa diisi ulang. Periksa lagi nomornya, lalu coba lagi dengan { $command }.
pay-reason-already-paid-topup = ℹ️ Isi ulang ke nomor ini sedang tidak bisa diproses. Coba lagi nanti.
pay-reason-quote-expired = ⌛ Data tagihan sudah kedaluwarsa. Silakan cek lagi dengan { $command }.
pay-reason-pay-at-counter = ❌ Tagihan ini hanya bisa dibayar langsung di loket resmi biller.
pay-reason-cut-off = 🌙 Biller sedang tutup buku (cut-off). Coba lagi nanti; untuk PLN biasanya setelah pukul 01.00 WIB.
pay-reason-biller-down = ⚠️ Layanan biller sedang gangguan. Saldo kamu tidak berubah. Coba lagi nanti.
pay-product-unavailable = ⚠️ { $product } sedang tidak tersedia dari provider. Saldo kamu tidak berubah. Coba lagi nanti, atau pilih produk lain dengan { $command }.
pay-unavailable = ⚠️ Biller tidak menjawab. Tidak ada yang dibayar dan saldo kamu tidak berubah. Silakan coba lagi sebentar lagi.
pay-type-number = Ketik nomornya ya, atau /batal untuk membatalkan.
pay-use-buttons = Silakan pilih dengan tombol di atas, atau ketik /batal untuk membatalkan.
pay-button-pay = ✅ Bayar
pay-button-pay-again = ✅ Bayar lagi
pay-button-topup = 💳 Isi saldo
pay-button-cancel = ✖️ Batal
pay-cancelled = Pembayaran dibatalkan. Saldo kamu tidak berubah.
pay-insufficient =
    Saldo kamu tidak cukup: saldo { $balance }, perlu { $price }.
    Isi saldo dulu lewat /deposit, lalu bayar lagi.
pay-confirmed = ⏳ Pembayaran sedang diproses…
pay-already = Tagihan ini sudah diproses sebelumnya.

## Ringkasan tagihan
bill-title = 🧾 Tagihan { $product }
bill-title-topup = 💳 Isi ulang { $product }
bill-customer = Nama: { $name }
bill-number = No. pelanggan: { $number }
bill-number-phone = No. HP: { $number }
bill-number-bpjs = No. VA BPJS: { $number }
bill-number-bpjstk = No. kepesertaan: { $number }
bill-number-contract = No. kontrak: { $number }
bill-number-tax-object = NOP (nomor objek pajak): { $number }
bill-number-payment-code = Kode bayar: { $number }
bill-number-registration = No. registrasi: { $number }
bill-number-account = No. HP/akun: { $number }
bill-number-payment = No. pembayaran: { $number }
bill-number-policy = No. polis: { $number }
bill-identity = NIK: { $value }
bill-address = Alamat: { $value }
bill-participants = Jumlah peserta: { $value }
bill-people = { $count } orang
bill-branch = Kantor cabang: { $value }
bill-tariff-power = Tarif/daya: { $tariff } / { $power }
bill-tariff = Tarif: { $tariff }
bill-power-only = Daya: { $power }
bill-power = { $va } VA
bill-due-date = Jatuh tempo: { $date }
bill-sheets = Lembar tagihan: { $count }
bill-item = Barang: { $value }
bill-vehicle = Kendaraan: { $vehicle }
bill-vehicle-year = Kendaraan: { $vehicle } ({ $year })
bill-vehicle-year-only = Tahun pembuatan: { $year }
bill-plate = No. polisi: { $value }
bill-frame = No. rangka: { $value }
bill-engine = No. mesin: { $value }
bill-owner-order = Kepemilikan ke-{ $number }
bill-tax-until = Pajak baru berlaku s.d. { $date }
bill-tenor = Tenor: { $value }
bill-months = { $count } bulan
bill-tax-year = Tahun pajak: { $value }
bill-village = Kelurahan: { $value }
bill-district = Kecamatan: { $value }
bill-regency = Kab/kota: { $value }
bill-land-area = Luas tanah: { $value }
bill-building-area = Luas bangunan: { $value }
bill-transaction = Jenis transaksi: { $value }
bill-registration-no = No. registrasi: { $value }
bill-registration-date = Tanggal registrasi: { $date }
bill-detail = { $label }: { $value }
bill-period = Periode { $period }
bill-period-months = Iuran untuk { $months }
bill-period-instalment = Angsuran ke-{ $number }
bill-period-tax-year = Tahun pajak { $year }
bill-meter = Stand meter: { $start } – { $end }
bill-meter-one = Stand meter: { $value }
bill-ref = No. ref: { $ref }
bill-amount = Tagihan: { $amount }
bill-penalty = Denda: { $amount }
bill-other = Biaya lain: { $amount }
bill-fee-pkb = Pajak kendaraan (PKB): { $amount }
bill-fee-pkb-fine = Denda PKB: { $amount }
bill-fee-swd = Jasa Raharja (SWDKLLJ): { $amount }
bill-fee-swd-fine = Denda SWDKLLJ: { $amount }
bill-fee-bbn = Bea balik nama (BBN): { $amount }
bill-fee-bbn-fine = Denda BBN: { $amount }
bill-fee-stnk = Biaya STNK: { $amount }
bill-fee-tnkb = Biaya pelat nomor (TNKB): { $amount }
bill-fee-parking = Parkir berlangganan: { $amount }
bill-fee-progressive = Pajak progresif: { $amount }
bill-remaining = Sisa pembayaran: { $amount }
bill-total-bill = Jumlah tagihan: { $amount }
bill-topup-amount = Nominal isi ulang: { $amount }
bill-admin = Biaya admin: { $amount }
bill-discount = Potongan: { $amount }
bill-total = Total bayar: { $amount }
bill-balance = Saldo kamu: { $balance }
bill-balance-short = ⚠️ Saldo kurang { $amount }. Tekan "Isi saldo" untuk cara isi saldo (/deposit), atau Batal.
bill-confirm = Lanjut bayar?
bill-paid-before = ⚠️ Tagihan yang sama sudah dibayar lewat bot ini pada { $time }.
bill-confirm-again = Yakin mau membayarnya lagi?

## Struk
receipt-success-title = ✅ Pembayaran berhasil
receipt-failed-title = ❌ Pembayaran gagal
receipt-pending-title = ⏳ Pembayaran sedang diproses
receipt-cancelled-title = ✖️ Pembayaran dibatalkan
receipt-time = Waktu: { $time }
receipt-product = Produk: { $product }
receipt-sn = SN: { $sn }
receipt-biller-ref = No. ref biller: { $sn }
receipt-total-paid = Total dibayar: { $amount }
receipt-ref = No. referensi: { $ref }
receipt-balance = Sisa saldo: { $balance }
receipt-balance-after = Saldo setelah transaksi ini: { $balance }
receipt-failed-refund = Dana { $amount } sudah dikembalikan ke saldo kamu. Saldo sekarang: { $balance }
receipt-failed-refund-after = Dana { $amount } sudah dikembalikan ke saldo kamu. Saldo setelah pengembalian ini: { $balance }
receipt-failed-refund-only = Dana { $amount } sudah dikembalikan ke saldo kamu.
receipt-pending-note = Biller masih memproses. Saldo { $amount } kami tahan sampai ada hasil, dan kamu akan diberi kabar.
receipt-token-awaited-title = ⏳ Token listrik sedang dikirim
receipt-token-awaited-note = Biller sudah memproses pembelian, tapi tokennya belum kami terima. Kami terus menanyakannya ke biller dan mengirim token ke sini begitu ada. Saldo { $amount } kami tahan sampai token diterima; kalau biller membatalkan, dana dikembalikan ke saldo kamu.
receipt-cancelled-note = Tidak ada yang dibayar. Saldo kamu tidak berubah.

## Struk bergambar
struk-footer = Terima kasih. Simpan struk ini sebagai bukti pembayaran.
struk-counter-fee = Biaya loket: { $amount }
struk-total-with-fee = Total bayar: { $amount }
struk-settings =
    🖼 Struk bergambar: { $pictures }
    Biaya loket di gambar struk: { $fee }

    /struk off – kirim struk sebagai teks saja
    /struk on – kirim juga gambar struk
    /struk loket <jumlah> – biaya loket untuk pelanggan di gambar struk, contoh /struk loket 2500 (0: tanpa biaya loket; bawaan: ikut operator)
struk-state-on = aktif
struk-state-off = mati
struk-state-operator-off = dimatikan operator
struk-fee-none = tidak ada
struk-fee-operator = { $amount } (bawaan operator)
struk-pictures-on = ✅ Struk bergambar aktif: tiap pembayaran berhasil juga dikirim sebagai gambar.
struk-pictures-off = Struk bergambar dimatikan: struk dikirim sebagai teks saja. Ketik /struk on untuk menyalakannya lagi.
struk-fee-set = Biaya loket { $amount } tampil di gambar struk berikutnya, dengan total yang dibayar pelanggan. Saldo kamu tetap dipotong harga biasa.
struk-fee-cleared = Biaya loket dihapus dari gambar struk.
struk-fee-reset = Biaya loket kembali ke bawaan operator.
struk-usage = Format: /struk on, /struk off, /struk loket <jumlah> (contoh /struk loket 2500), /struk loket bawaan
picture-saved = 🖼 Gambar disimpan: { $path }

## Isi saldo (admin)
topup-usage =
    Format: /topup <id pengguna> <jumlah> [catatan]
    Contoh: /topup 123456789 50000, /topup @sari 50rb transfer BCA
topup-done = Saldo { $user } ditambah { $amount }. Saldo sekarang: { $balance }
topup-received = 💰 Saldo kamu bertambah { $amount }. Saldo sekarang: { $balance }

## Riwayat
history-title = 🧾 Riwayat transaksi (halaman { $page }/{ $pages })
history-empty = Belum ada transaksi. Ketik /bayar untuk membayar tagihan pertama kamu.
history-line =
    { $n }. { $state } · { $time }
       { $product } · { $number } · { $amount }
history-state-success = ✅ Berhasil
history-state-failed = ❌ Gagal, dana dikembalikan
history-state-pending = ⏳ Diproses
history-state-sending = ⏳ Diproses
history-state-confirmed = ⏳ Diproses
history-receipt-button = Struk { $n }

## Mutasi saldo, rentang tanggal, ekspor dan ringkasan keuangan
range-unreadable = Periode "{ $text }" tidak terbaca.
range-reversed = Periode "{ $text }" terbalik: tanggal akhirnya sebelum tanggal awal.
statement-usage = Format: /mutasi [periode], contoh: /mutasi hari ini, /mutasi kemarin, /mutasi 7 hari, /mutasi maret 2026, /mutasi 1/3 - 10/3
statement-choose = 📒 Mutasi saldo: pilih periode, atau ketik /mutasi dengan tanggal (contoh: /mutasi 1/3 - 10/3, /mutasi maret 2026).
statement-today = Hari ini
statement-week = 7 hari terakhir
statement-month = Bulan ini
statement-title = 📒 Mutasi saldo { $period } (WIB) · halaman { $page }/{ $pages }
statement-opening = Saldo awal: { $balance }
statement-closing = Saldo akhir: { $balance }
statement-empty = Tidak ada mutasi saldo pada periode ini.
statement-line =
    { $n }. { $time } · { $what }
       { $amount } → saldo { $balance }
       Ref: { $ref }
statement-kind-topup = Isi saldo
statement-kind-charge = Pembayaran
statement-kind-refund = Pengembalian dana
statement-kind-deduct = Potongan saldo
statement-kind-correction = Koreksi saldo
statement-csv-button = 📄 Unduh CSV
statement-csv-caption = 📄 Mutasi saldo { $period } (WIB): { $count } baris.
export-usage = Format: /export [bulan atau rentang], contoh: /export, /export maret 2026, /export 2026-03, /export 1/3 - 10/3 (tanpa periode: bulan ini, WIB)
export-transactions = 📄 Transaksi { $period } (WIB): { $count } baris (harga, modal, margin).
export-ledger = 📄 Mutasi saldo semua pengguna { $period } (WIB): { $count } baris.
export-deposits = 📄 Isi saldo otomatis (gateway) { $period } (WIB): { $count } baris.
export-done = 📦 Ekspor { $period } (WIB) terkirim: { $transactions } transaksi, { $ledger } mutasi saldo, { $deposits } isi saldo gateway.
money-overview =
    💼 Ringkasan keuangan, { $time }
    Saldo semua pelanggan (utang ke pelanggan): { $balances }
    Ditahan pembayaran yang berjalan: { $held } ({ $inFlight } transaksi)
    Deposit di { $provider }: { $deposit }
    Hari ini: { $todayCount } transaksi, { $todayVolume }, margin { $todayMargin }
    Bulan ini: { $monthCount } transaksi, { $monthVolume }, margin { $monthMargin }
money-overview-deposit-unknown = tidak terbaca ({ $reason })
money-overview-cover = Deposit cukup untuk ± { $hours } jam penjualan (modal rata-rata 7 hari: { $perHour }/jam).
money-overview-no-sales = Belum ada penjualan 7 hari terakhir untuk mengukur kebutuhan deposit.
money-alert-deposit-low = ⚠️ Deposit di { $provider } tinggal { $deposit }: cukup untuk ± { $hours } jam penjualan, di bawah batas { $limit } jam (modal rata-rata 7 hari: { $perHour }/jam). Isi deposit provider.
money-alert-balances-exceed = ⚠️ Saldo semua pelanggan ({ $balances }) melebihi deposit di { $provider } ({ $deposit }) sebesar { $gap }: deposit tidak cukup bila semua saldo dibelanjakan.

## Nomor tersimpan
favorite-save-button = ⭐ Simpan nomor ini
favorite-ask-label = Beri nama singkat untuk nomor ini (maks. { $max } huruf), misalnya "Rumah Ibu". Ketik - untuk memakai nama pelanggan ({ $name }).
favorite-saved = ⭐ Tersimpan sebagai "{ $label }". Lihat semua dengan /favorit.
favorite-saved-cut = ⭐ Nama terlalu panjang (maks. { $max } huruf), jadi disimpan sebagai "{ $label }". Lihat semua dengan /favorit.
favorite-type-label = Ketik nama singkat untuk nomor ini, atau - untuk memakai nama pelanggan.
favorite-title = ⭐ Nomor tersimpan
favorite-empty = Belum ada nomor tersimpan. Setelah pembayaran berhasil, tekan "Simpan nomor ini".
favorite-line = { $n }. { $label } – { $product } { $number }
favorite-pay-button = 🔁 Bayar lagi: { $label }
favorite-delete-button = 🗑 Hapus nomor…
favorite-delete-which = Nomor mana yang mau dihapus?
favorite-delete-pick-button = 🗑 { $label }
favorite-delete-confirm = Hapus "{ $label }" ({ $product } { $number }) dari nomor tersimpan?
favorite-delete-yes = 🗑 Ya, hapus
favorite-deleted = 🗑 "{ $label }" dihapus.
favorite-unavailable = Produk ini sedang tidak tersedia.

## Pengingat tagihan
reminder-title = 🔔 Pengingat tagihan
reminder-state-on = 🔔 Menyala: dicek tiap tanggal { $day }
reminder-state-off = 🔕 Mati
reminder-on-button = 🔔 Nyalakan: { $label }
reminder-off-button = 🔕 Matikan: { $label }
reminder-intro = Tiap bulan bot mengecek tagihan ke biller pada tanggalnya, lalu mengirim jumlahnya dengan tombol Bayar.
reminder-quiet = Tidak ada pesan pukul { $from }.00-{ $to }.00 WIB.
reminder-help = Ganti tanggal: /pengingat <nomor> <tanggal>, misalnya /pengingat 1 12. Matikan semua: /pengingat stop.
reminder-none = Belum ada tagihan bulanan tersimpan. Setelah membayar PLN, PDAM, BPJS atau sejenisnya, tekan "Simpan nomor ini", lalu nyalakan pengingatnya dengan /pengingat.
reminder-turned-on = 🔔 Pengingat "{ $label }" menyala. Dicek pertama kali { $date }.
reminder-turned-off = 🔕 Pengingat "{ $label }" dimatikan. Nyalakan lagi dengan /pengingat.
reminder-all-off = 🔕 Semua pengingat tagihan dimatikan ({ $count }). Nyalakan lagi dengan /pengingat.
reminder-day-invalid = Tulis nomor tagihan dari daftar /pengingat dan tanggal 1 sampai 31, misalnya /pengingat 1 12.
reminder-due-title = 🔔 Tagihan "{ $label }" sudah terbit
reminder-due-customer = { $product } { $number } a.n. { $name }
reminder-due-period = Periode: { $period }
reminder-due-bill = Tagihan: { $amount }
reminder-due-total = Total bayar (dengan biaya admin): { $price }
reminder-last = Tagihan terakhir yang dibayar di sini: { $amount } ({ $date })
reminder-jump = ⚠️ Naik { $percent }% dari tagihan terakhir. Periksa dulu sebelum membayar.
reminder-pay-hint = Tekan Bayar: tagihan dicek lagi ke biller, lalu dibayar dari saldo.
reminder-short = Saldo Anda { $balance }, belum cukup. Isi saldo dulu dengan /deposit.
reminder-pay-button = 💳 Bayar { $price }
reminder-stop-button = 🔕 Berhenti ingatkan
reminder-paid = ✅ Tagihan "{ $label }" ({ $product } { $number }) bulan ini sudah dibayar. Pengingat berikutnya: { $date }.
reminder-not-published = ⏳ Tagihan "{ $label }" ({ $product } { $number }) belum terbit setelah dicek { $tries } kali. Pengingat berikutnya: { $date }. Bayar kapan saja dari /favorit.
mybills-title = 🗓 Tagihan bulan ini ({ $month })
mybills-paid = ✅ Sudah dibayar
mybills-paid-on = ✅ Sudah dibayar { $date }
mybills-due = 🧾 Belum dibayar: { $price }
mybills-not-published = ⏳ Belum terbit
mybills-not-published-next = ⏳ Belum terbit, dicek lagi { $date }
mybills-scheduled = 🔔 Dicek { $date }
mybills-unchecked = ❔ Biller belum menjawab, dicek lagi { $date }
mybills-off = 🔕 Pengingat mati
mybills-hint = Nyalakan atau matikan pengingat dengan /pengingat.
mybills-pay-button = 💳 Bayar { $label }: { $price }

## Bahasa
language-choose = Pilih bahasa / Choose a language:
language-name-id = 🇮🇩 Bahasa Indonesia
language-name-en = 🇬🇧 English
language-set = Bahasa diganti ke Bahasa Indonesia.

## Daftar perintah (menu Telegram)
cmd-start = Menu utama
cmd-bayar = Bayar tagihan
cmd-beli = Beli pulsa, token & top-up
cmd-saldo = Lihat saldo
cmd-riwayat = Riwayat transaksi
cmd-mutasi = Mutasi saldo
cmd-favorit = Nomor tersimpan
cmd-tagihanku = Tagihan bulan ini
cmd-pengingat = Pengingat tagihan
cmd-deposit = Cara isi saldo
cmd-struk = Struk bergambar dan biaya loket
cmd-bahasa = Ganti bahasa
cmd-batal = Batalkan proses yang berjalan
cmd-bantuan = Bantuan
cmd-topup = Tambah saldo pengguna
cmd-potong = Kurangi saldo pengguna
cmd-user = Profil pengguna
cmd-pending = Pembayaran yang masih diproses
cmd-cek = Cek status pembayaran
cmd-selesaikan = Selesaikan pembayaran secara manual
cmd-saldoprovider = Saldo deposit di provider
cmd-laporan = Laporan harian atau per periode
cmd-ringkasan = Ringkasan keuangan
cmd-export = Ekspor CSV transaksi, mutasi dan isi saldo
cmd-harga = Harga, biaya provider dan margin
cmd-blokir = Blokir pengguna
cmd-buka = Buka blokir pengguna
cmd-deposits = Permintaan isi saldo dan isi saldo otomatis

## Pilihan bernomor (WhatsApp dan terminal)
terminal-resume = Melanjutkan proses yang belum selesai: ketik jawabanmu, atau /batal untuk membatalkan.
terminal-resume-question =
    Melanjutkan proses yang belum selesai (ketik /batal untuk membatalkan):
    { $question }
terminal-as-customer = 👤 Sekarang kamu chat sebagai pelanggan biasa (id { $id }): yang kamu lihat adalah yang dilihat pelanggan, tanpa perintah admin. Ketik /admin untuk kembali sebagai operator.
terminal-as-admin = 🛠 Sekarang kamu chat sebagai operator (id { $id }, admin). Ketik /pelanggan untuk chat sebagai pelanggan.
terminal-to-admin = ✉️ Pesan untuk operator (admin, id { $id }); ketik /admin untuk menjawabnya:
terminal-to-customer = ✉️ Pesan untuk pelanggan (id { $id }); ketik /pelanggan untuk menjawabnya:
choice-hint = { $max ->
    [1] Balas dengan nomor 1.
   *[other] Balas dengan nomor pilihan (1-{ $max }).
}

## Bulan
month-1 = Januari
month-2 = Februari
month-3 = Maret
month-4 = April
month-5 = Mei
month-6 = Juni
month-7 = Juli
month-8 = Agustus
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Desember

## Pembayaran: cek ulang tagihan dan pemantauan
pay-bill-changed =
    ⚠️ Tagihan ini berubah sejak dicek: tadi { $old }, sekarang { $new }. Tidak ada yang dibayar dan saldo kamu tidak berubah.
    Ketik /bayar untuk melihat tagihan terbaru.
operator-alert =
    ⚠️ Provider menolak permintaan karena pengaturan akun operator: { $message } (kode { $code }).
    Produk: { $product }
    Periksa deposit, kredensial dan IP yang diizinkan di provider. Pesan yang sama tidak diulang selama 10 menit.
loss-alert =
    🔻 Terjual rugi: { $product } ({ $ref })
    Provider mengambil { $cost }, pengguna membayar { $price }: rugi { $loss }.
    Periksa markup dan daftar harga di /harga.
pending-alert =
    ⚠️ Pembayaran { $ref } masih menunggu jawaban biller sejak { $since }.
    Pengguna: { $user }
    Produk: { $product }, pelanggan { $number }
    Total: { $amount } (saldo pengguna ditahan)
    Cek sekarang: /cek { $ref }
    Selesaikan manual: /selesaikan { $ref } sukses|gagal
pending-alert-token =
    ⚠️ Token listrik { $ref }: biller melaporkan berhasil, tapi tanpa token yang bisa dibaca (SN: { $sn }).
    Pengguna: { $user }
    Produk: { $product }, meter { $number }
    Total: { $amount } (saldo pengguna ditahan; pengguna sudah diberi tahu tokennya menyusul)
    Bot terus menanyakan biller dan mengirim struk begitu token ada. Cek sekarang: /cek { $ref }
    Token didapat dari biller: /selesaikan { $ref } sukses <token>
    Biller membatalkan: /selesaikan { $ref } gagal
pending-alert-sn-empty = kosong
stuck-alert =
    ⚠️ Pembayaran { $ref } belum diterima provider sejak dikonfirmasi { $since }: provider menolaknya untuk sementara, bot terus mencoba mengirimnya.
    Pengguna: { $user }
    Produk: { $product }, pelanggan { $number }
    Total: { $amount } (saldo pengguna ditahan)
    Periksa batas transaksi dan status akun di provider.
throttle-alert =
    ⏸️ Provider membatasi permintaan ({ $reason }): semua pembayaran dijeda { $seconds } detik, lalu dikirim lebih pelan. Saldo pengguna tetap ditahan dan tidak ada yang dibayar dua kali.
    Pesan yang sama tidak diulang selama 10 menit.

## Perintah admin
admin-not-allowed = Perintah ini hanya untuk admin.
admin-user-not-found = Pengguna { $user } tidak ditemukan. Sebut pengguna dengan id angka, @username atau nomor HP (08…, 62…, +62…); pengguna harus pernah menyapa bot dulu.
admin-amount-invalid = Jumlah "{ $input }" tidak sesuai. Bentuk yang diterima: 50000, 50.000, 50rb, 1jt
admin-note-line = Catatan: { $note }
admin-note-too-long = Catatan terlalu panjang ({ $length } huruf); maksimal { $max } huruf. Tidak ada yang diubah.
admin-none = -
admin-topup-note = 💰 { $admin } menambah saldo { $user } sebesar { $amount }. Saldo sekarang: { $balance }
admin-deduct-usage =
    Format: /potong <pengguna> <jumlah> [catatan]
    Contoh: /potong @sari 10rb salah transfer
admin-deduct-insufficient = Saldo { $user } hanya { $balance }, tidak bisa dipotong { $amount }. Saldo tidak boleh minus; tidak ada yang diubah.
admin-deduct-done = Saldo { $user } dipotong { $amount }. Saldo sekarang: { $balance }
admin-deduct-received = Saldo kamu dikurangi { $amount } oleh admin. Saldo sekarang: { $balance }
admin-balance-of = Saldo { $user } ({ $name }): { $balance }
admin-user-usage = Format: /user <pengguna>
admin-profile =
    👤 { $name }
    ID: { $id }
    Username: { $username }
    Kanal: { $channel }
    Bahasa: { $language }
    No. HP: { $phone }
    Status: { $status }
    Saldo: { $balance }
admin-status-active = aktif
admin-status-blocked = diblokir
admin-profile-txs = { $count } transaksi terakhir:
admin-profile-deposits = { $count } isi saldo otomatis terakhir:
admin-profile-no-txs = Belum ada transaksi.
admin-tx-line = • { $time } · { $ref } · { $product } { $number } · { $amount } · { $state }
admin-state-quoted = belum dikonfirmasi
admin-state-cancelled = dibatalkan
admin-state-confirmed = menunggu dikirim
admin-state-sending = sedang dikirim ke biller
admin-state-pending = menunggu biller
admin-state-success = berhasil
admin-state-failed = gagal, dana dikembalikan
admin-state-missing = tidak ada
admin-block-usage = Format: /blokir <pengguna>
admin-block-done = 🚫 { $user } diblokir. Pesannya tidak dilayani sampai dibuka dengan /buka.
admin-block-already = { $user } sudah diblokir.
admin-block-admin = { $user } adalah admin; admin tidak bisa diblokir.
admin-unblock-usage = Format: /buka <pengguna>
admin-unblock-done = ✅ Blokir { $user } dibuka.
admin-unblock-already = { $user } tidak sedang diblokir.
admin-pending-none = Tidak ada pembayaran yang sedang berjalan.
admin-pending-title = ⏳ Pembayaran yang masih berjalan: { $count }
admin-pending-age = {"   "}⏱ { $age } · { $user }
admin-pending-more = …dan { $count } lagi.
admin-age-minutes = { $minutes } mnt
admin-age-hours = { $hours } jam { $minutes } mnt
admin-age-days = { $days } hari { $hours } jam
admin-tx-not-found = Transaksi { $ref } tidak ditemukan.
admin-check-usage = Format: /cek <no. referensi>
admin-check-done = 🔎 { $ref } sudah dicek ke biller: { $state }
admin-check-scheduled = { $ref } baru saja dicek; biller meminta jeda semenit antar-cek. Cek berikutnya { $time }.
admin-check-not-pending = { $ref } berstatus { $state }; hanya pembayaran yang menunggu biller yang bisa dicek.
admin-check-error = Cek { $ref } gagal karena kesalahan teknis (lihat log). Tidak ada yang berubah.
admin-resolve-usage =
    Format: /selesaikan <no. referensi> sukses|gagal [catatan]
    sukses = biller sudah membayar; gagal = dana dikembalikan ke saldo pengguna.
    Token listrik: /selesaikan <no. referensi> sukses <token> mengirim token itu di struk pengguna.
admin-resolve-wrong-state = { $ref } berstatus { $state }; hanya pembayaran yang menunggu biller yang bisa diselesaikan manual.
admin-resolve-success = ✅ { $ref } ditandai berhasil. { $user } akan diberi tahu.
admin-resolve-failed = ↩️ { $ref } ditandai gagal; { $amount } dikembalikan ke saldo { $user }, dan dia akan diberi tahu.
admin-provider-balance = 🏦 Saldo deposit di { $provider }: { $balance }
admin-provider-balance-failed = { $provider } menolak cek saldo: { $message } (kode { $code }).
admin-provider-balance-unknown = { $provider } tidak menjawab cek saldo ({ $reason }). Coba lagi sebentar lagi.
admin-report-gateway = Isi saldo otomatis (gateway): { $count } kali, { $amount } masuk; biaya gateway { $fees } (ditanggung operator { $operatorFees })
admin-report-chart-title = Penjualan { $from } – { $to }
admin-report-chart-volume = Volume per hari (yang dibayar pengguna)
admin-report-chart-margin = Margin per hari
admin-report-chart-shares = Bagian volume per produk
admin-report-chart-empty = Belum ada transaksi berhasil
admin-report-chart-others = Lainnya
admin-report-usage = Format: /laporan [tanggal atau periode], contoh: /laporan kemarin, /laporan 7/12, /laporan 07-12-2026, /laporan 2026-12-07, /laporan desember 2026, /laporan 1/12 - 7/12 (tanpa tanggal: hari ini, WIB)
admin-report =
    📊 Laporan { $date } (WIB)
    Pembayaran berhasil: { $count } transaksi, { $volume }
    Modal ke provider: { $cost }
    Keuntungan (markup): { $markup }
    Refund: { $refunds } transaksi, { $refundAmount }
    Masih diproses: { $pending } transaksi
    Isi saldo: { $topups } kali, { $topupAmount }
    Potongan admin: { $deductions } kali, { $deductionAmount }
admin-deposit-request = 📨 Permintaan isi saldo #{ $id } dari { $user }: { $amount }. Periksa transfernya, lalu tekan tombol untuk menambah saldo.
admin-deposit-request-no-amount = 📨 Permintaan isi saldo #{ $id } dari { $user } (jumlah tidak disebut). Periksa transfernya, lalu tekan tombol.
admin-deposit-button = ➕ Tambah { $amount }
admin-deposit-button-ask = ➕ Tambah saldo
admin-deposit-ask-amount = Berapa saldo yang ditambahkan untuk permintaan #{ $id } dari { $user }? Ketik jumlahnya (50000, 50.000, 50rb, 1jt), atau /batal.
admin-deposit-handled = Permintaan #{ $id } sudah diproses oleh { $admin }. Saldo tidak ditambah lagi.
admin-deposit-missing = Permintaan #{ $id } tidak ditemukan.
admin-deposit-changed = Permintaan #{ $id } sudah diubah penggunanya sejak pesan ini; saldo tidak ditambah. Pakai pesan terbarunya atau /deposits.
admin-deposits-none = Tidak ada permintaan isi saldo yang menunggu.
admin-deposits-title = 📨 Permintaan isi saldo yang menunggu: { $count }
admin-deposits-line = #{ $id } · { $user } · { $amount } · { $time }
admin-deposits-no-amount = jumlah tidak disebut
admin-deposits-button = ➕ #{ $id } { $user }: { $amount }
admin-deposits-more = …dan { $count } lagi (tangani yang di atas dulu).
admin-gdep-title = ⚡ Isi saldo otomatis (gateway), yang terbuka: { $open }
admin-gdep-settled-title = Terakhir selesai:
admin-gdep-line = { $id } · { $user } · { $method } · { $amount } · { $state } · { $time }
admin-gdep-hint = Lihat satu: /deposits <no. isi saldo>. Selesaikan manual: /deposits <no.> lunas [jumlah] [catatan] atau /deposits <no.> gagal [catatan]
admin-gdep-state-open = terbuka
admin-gdep-state-paid = lunas
admin-gdep-state-expired = kedaluwarsa
admin-gdep-state-failed = gagal
admin-gdep-short-mark = (⚠️ kurang bayar: masuk { $paid })
admin-gdep-not-found = Isi saldo "{ $id }" tidak ditemukan.
admin-gdep-detail =
    ⚡ Isi saldo { $id }
    Pengguna: { $user }
    Cara bayar: { $method } lewat { $gateway } (ref { $ref })
    Masuk saldo: { $amount }; biaya { $fee } ({ $payer }); dibayar pelanggan { $pay }
    Status: { $state }
    Dibuat: { $created }; berlaku sampai { $expires }
admin-gdep-payer-customer = ditanggung pelanggan
admin-gdep-payer-operator = ditanggung operator
admin-gdep-by-gateway = gateway
admin-gdep-settled = Selesai { $time } oleh { $by }.
admin-gdep-short = ⚠️ Gateway melaporkan dibayar { $paid } dari { $pay }: kurang bayar, saldo belum ditambah. Tentukan jumlah yang masuk saldo.
admin-gdep-settle-hint = Selesaikan manual: /deposits { $id } lunas [jumlah] [catatan] (saldo ditambah), atau /deposits { $id } gagal [catatan].
admin-gdep-usage = Format: /deposits <no. isi saldo> lunas [jumlah] [catatan], atau /deposits <no.> gagal [catatan]
admin-gdep-no-gateway = Tidak ada gateway pembayaran yang aktif (DEPOSIT_GATEWAY), jadi isi saldo otomatis tidak bisa diselesaikan di sini. Pakai /topup.
admin-gdep-needs-amount = { $id } kurang bayar: pelanggan membayar { $paid } dari { $pay }. Sebutkan jumlah yang masuk saldo (paling banyak { $amount }): /deposits { $id } lunas <jumlah> [catatan]
admin-gdep-bad-amount = Jumlah untuk { $id } harus antara Rp 1 dan { $amount } (jumlah isi saldonya).
admin-gdep-not-open = { $id } sudah { $state }; tidak ada yang diubah (isi saldo hanya masuk sekali).
admin-gdep-paid = ✅ { $id } diselesaikan manual: saldo { $user } ditambah { $amount }. Saldo sekarang: { $balance }
admin-gdep-failed = { $id } ditandai gagal; saldo { $user } tidak berubah.

## Isi saldo (pengguna)
deposit-instructions-default =
    💳 Cara isi saldo:
    Hubungi admin untuk nomor rekening atau e-wallet tujuan transfer.
deposit-request-hint = Sudah transfer? Tekan tombol di bawah supaya admin segera menambah saldo kamu.
deposit-button-request = 📨 Saya sudah transfer
deposit-ask-amount = Berapa yang kamu transfer? Ketik jumlahnya, { $min } sampai { $max } (contoh: 50000, 50.000, 50rb, 1jt), atau tekan "Lewati".
deposit-button-skip = Lewati
deposit-amount-invalid = Jumlah "{ $input }" tidak sesuai. Contoh: 50000, 50.000, 50rb, 1jt. Ketik lagi, atau tekan "Lewati".
deposit-requested = 📨 Permintaan isi saldo terkirim ke admin. Kamu akan diberi kabar begitu saldo masuk.
deposit-requested-amount = 📨 Permintaan isi saldo { $amount } terkirim ke admin. Kamu akan diberi kabar begitu saldo masuk.
deposit-updated = 📨 Permintaan isi saldo kamu diperbarui (jumlah tidak disebut) dan sudah di admin. Kamu akan diberi kabar begitu saldo masuk.
deposit-updated-amount = 📨 Permintaan isi saldo kamu diperbarui menjadi { $amount } dan sudah di admin. Kamu akan diberi kabar begitu saldo masuk.
deposit-amount-too-low = Permintaan isi saldo paling sedikit { $min }. Ketik jumlah yang kamu transfer, atau tekan "Lewati".
deposit-amount-too-high = Permintaan isi saldo paling banyak { $max }. Ketik jumlah yang lebih kecil, atau tekan "Lewati"; untuk jumlah lebih besar, hubungi admin.
deposit-too-many = Kamu sudah mengirim { $count } permintaan isi saldo dalam satu jam terakhir. Admin sudah menerimanya; coba lagi nanti bila perlu.

## Perintah ganda dan tombol lama (admin, isi saldo)
admin-command-duplicate = Perintah ini sudah dijalankan; saldo { $user } tidak diubah lagi. Saldo sekarang: { $balance }
admin-unknown-user = (tidak diketahui)
admin-deposit-type-amount = Ketik jumlah saldo yang ditambahkan (50000, 50.000, 50rb, 1jt), atau /batal.
deposit-type-amount = Ketik jumlah yang kamu transfer (contoh: 50000, 50.000, 50rb, 1jt), atau tekan "Lewati".

## Harga dan margin (admin)
admin-prices-title = 💲 Harga dan margin (provider { $provider })
admin-prices-no-list = Belum ada daftar harga dari provider: semua produk katalog ditawarkan.
admin-prices-fetched = Daftar harga: { $time }
admin-prices-failing = ⚠️ Gagal diperbarui sejak { $since }: { $reason }. Daftar terakhir tetap dipakai.
admin-prices-all-good = ✅ { $count } produk: semua tersedia, tidak ada penjualan rugi dalam 7 hari terakhir.
admin-prices-flagged = ⚠️ { $count } produk perlu dicek:
admin-prices-more = …dan { $count } lagi (lihat per kategori).
admin-prices-pick-category = Pilih kategori untuk rincian per produk:
admin-prices-category = 📂 { $category } ({ $page }/{ $pages })
admin-prices-product = • { $product } [{ $code }]
admin-prices-cost = provider: admin { $admin } − komisi { $commission } = { $fee } per tagihan
admin-prices-cost-unknown = provider: biaya admin tidak ada di daftar harga
admin-prices-markup-user = markup { $markup } → pengguna bayar tagihan + { $user } · margin { $margin }
admin-prices-markup = markup { $markup } · margin { $margin }
admin-prices-markup-percent = markup { $markup } (margin tergantung tagihan)
admin-prices-percent = { $percent }% dari biaya
admin-prices-flag-inactive = ⛔ nonaktif di provider (tidak tampil di menu)
admin-prices-flag-missing = ❓ tidak ada di daftar provider (kode { $code })
admin-prices-flag-loss = 🔻 rugi { $amount } di { $count } penjualan (7 hari terakhir)
admin-prices-overview = ↩️ Ringkasan
price-list-failed = ⚠️ Daftar harga dari provider tidak bisa diambil ({ $reason }). Menu tetap memakai daftar terakhir ({ $since }). Pesan ini hanya dikirim sekali; /harga menunjukkan keadaannya.
price-list-never = belum pernah ada
prepaid-list-failed = ⚠️ Daftar harga prabayar dari provider (pulsa, token, top-up) tidak bisa diambil ({ $reason }). Menu tetap memakai daftar terakhir ({ $since }). Pesan ini hanya dikirim sekali.
prepaid-list-stops = Bila masih gagal, pembelian prabayar dihentikan mulai { $until } sampai daftar baru bisa diambil (harga lama tidak bisa dipercaya).

## Prepaid: pulsa, paket data, token listrik, e-wallet, game, voucher (/beli)
prepaid-none = Belum ada produk prabayar yang bisa dibeli saat ini. Coba lagi nanti.
prepaid-choose-category = Mau beli apa? Pilih jenisnya:
prepaid-category-pulsa = 📱 Pulsa
prepaid-category-data = 🌐 Paket data
prepaid-category-pln = ⚡ Token listrik PLN
prepaid-category-ewallet = 👛 E-wallet
prepaid-category-game = 🎮 Top-up game
prepaid-category-voucher = 🎟 Voucher
prepaid-category-other = 🛍 Lainnya
prepaid-ask-phone = Ketik nomor HP tujuan, contoh 081234567890.
prepaid-phone-invalid = Itu bukan nomor HP. Ketik nomor HP 10–13 angka yang diawali 08, contoh 081234567890.
prepaid-unknown-prefix = Nomor { $number } tidak cocok dengan operator mana pun yang kami layani (Telkomsel, Indosat, XL, Axis, Tri, Smartfren, by.U). Periksa lagi awalan nomornya, lalu ketik ulang.
prepaid-operator = Operator: { $operator }
prepaid-none-for-operator = Belum ada produk { $operator } yang bisa dibeli saat ini. Coba lagi nanti.
operator-telkomsel = Telkomsel
operator-indosat = Indosat
operator-xl = XL
operator-axis = Axis
operator-tri = Tri
operator-smartfren = Smartfren
operator-byu = by.U
prepaid-ask-meter = Ketik nomor meter atau ID pelanggan PLN (11–12 angka), contoh 12345678901.
prepaid-meter-invalid = Nomor meter harus 11–12 angka, contoh 12345678901. Ketik ulang ya.
prepaid-checking-meter = ⏳ Mengecek nomor meter { $number }…
prepaid-meter-found = ✅ Nomor meter { $number } terdaftar.
prepaid-meter-unknown = ❌ Nomor meter { $number } tidak terdaftar di PLN. Periksa lagi nomornya, lalu ketik ulang (11–12 angka), atau /batal.
prepaid-meter-refused = ❌ Nomor meter { $number } tidak bisa diisi token ({ $reason }). Ketik nomor meter lain, atau /batal.
prepaid-name = Nama: { $name }
prepaid-tariff = Tarif/daya: { $tariff }
prepaid-choose-brand = Pilih layanannya:
prepaid-choose-product = Pilih produk (termurah di atas):
prepaid-open-amount-label = { $product } ({ $min }–{ $max })
prepaid-ask-player = Ketik ID pemain (User ID) kamu.
prepaid-player-invalid = ID pemain hanya berisi huruf dan angka (3–24 karakter). Ketik ulang ya.
prepaid-field-zone-id = Zone ID
prepaid-field-server-id = Server ID
prepaid-field-other = { $name }
prepaid-ask-field = Ketik { $field } kamu.
prepaid-field-invalid = { $field } hanya berisi huruf dan angka (maks. 12). Ketik ulang ya.
prepaid-field-digits = { $field } hanya berisi angka (maks. 12), contoh 2101. Ketik ulang ya.
prepaid-ask-amount = Ketik nominal top-up, antara { $min } dan { $max }.
prepaid-amount-invalid = Nominal harus antara { $min } dan { $max }, contoh 50000. Ketik ulang ya.
prepaid-checking = ⏳ Menyiapkan pembelian untuk { $number }…
prepaid-cut-off = 🌙 { $product } sedang tutup harian, bisa dibeli lagi mulai pukul { $until } WIB. Saldo kamu tidak berubah.
prepaid-stale = ⏸ Pembelian pulsa, token & top-up sedang dihentikan: daftar harga dari provider belum bisa diperbarui sejak { $since }, jadi harganya belum bisa dipastikan. Saldo kamu tidak berubah. Coba lagi nanti dengan { $command }.
prepaid-price-rose = ⚠️ Harga produk ini di provider baru saja naik melebihi { $price }, jadi pembelian dibatalkan dan saldo kamu tidak berubah. Silakan pilih lagi dengan /beli untuk melihat harga terbaru.
prepaid-summary-title = 🛒 Konfirmasi pembelian
prepaid-number-phone = Nomor HP: { $number }
prepaid-number-meter = Nomor meter: { $number }
prepaid-number-account = Nomor akun: { $number }
prepaid-number-player = ID pemain: { $number }
prepaid-number = Nomor: { $number }
prepaid-amount = Nominal top-up: { $amount }
prepaid-price = Harga: { $price }
prepaid-token-title = ⚡ TOKEN LISTRIK:
prepaid-token-kwh = { $kwh } kWh
prepaid-voucher-code = 🎟 Kode voucher (salin):
prepaid-serial = SN (salin):
prepaid-pin = 🔑 PIN (salin):

## Admin: prepaid products on /harga, hide and show
admin-prices-prepaid = 📱 Prabayar
admin-prepaid-title = 📱 Produk prabayar ({ $page }/{ $pages }, { $count } produk)
admin-prepaid-price = biaya { $cost } → harga { $price } · margin { $margin }
admin-prepaid-open = nominal bebas { $min }–{ $max }, biaya provider { $fee } + nominal
admin-prepaid-flag-unavailable = ⛔ tidak tersedia di provider (tidak tampil di menu)
admin-prepaid-flag-hidden = 🙈 disembunyikan admin (/tampilkan untuk menampilkan)
admin-prepaid-flag-cut-off = 🌙 sedang tutup harian, sampai { $until } WIB
admin-prepaid-stale = ⏸ Daftar ini sudah terlalu lama: tidak ada produk prabayar yang dijual sampai daftar baru bisa diambil.
admin-prepaid-hide-hint = Sembunyikan produk dari menu: /sembunyikan <kode>; tampilkan lagi: /tampilkan <kode>.
admin-prepaid-unknown = Produk dengan kode { $code } tidak ada di daftar harga prabayar provider.
admin-hide-usage = Format: /sembunyikan <kode produk>
admin-hide-done = 🙈 { $product } [{ $code }] disembunyikan dari menu.
admin-hide-already = { $product } [{ $code }] sudah disembunyikan.
admin-show-usage = Format: /tampilkan <kode produk>
admin-show-done = 👁 { $product } [{ $code }] tampil lagi di menu.
admin-show-already = { $product } [{ $code }] tidak sedang disembunyikan.
cmd-sembunyikan = Sembunyikan produk prabayar
cmd-tampilkan = Tampilkan lagi produk prabayar

## Katalog dibaca ulang (admin)
cmd-reload = Baca ulang katalog produk dan markup
catalog-reloaded = 🔄 Katalog { $file } dibaca ulang: { $products } produk tagihan, { $rules } aturan markup prabayar. Harga baru berlaku untuk menu dan tagihan berikutnya.
catalog-reload-refused = ⚠️ Katalog { $file } tidak dibaca ulang; harga lama tetap berlaku. Masalahnya: { $problem }

## Perintah saldo yang berulang (admin)
admin-repeat-topup =
    ⚠️ Kamu sudah menambah saldo { $user } sebesar { $amount } pada { $time } (saldo sesudahnya { $balance }).
    Tambah { $amount } lagi? Saldo belum diubah.
admin-repeat-deduct =
    ⚠️ Kamu sudah memotong saldo { $user } sebesar { $amount } pada { $time } (saldo sesudahnya { $balance }).
    Potong { $amount } lagi? Saldo belum diubah.
admin-repeat-confirm-topup = ✅ Ya, tambah { $amount } lagi
admin-repeat-confirm-deduct = ✅ Ya, potong { $amount } lagi
admin-repeat-cancel = ✖️ Batal
admin-repeat-cancelled = Dibatalkan; saldo { $user } tidak diubah.
admin-repeat-answered = Pertanyaan ini sudah dijawab; saldo tidak diubah lagi.

## Tombol milik orang lain
button-not-yours = Tombol ini bukan untukmu.

## WhatsApp
whatsapp-text-only = Maaf, saya hanya bisa membaca pesan teks. Silakan ketik pesanmu, misalnya /bayar atau /saldo.
whatsapp-link-qr = WhatsApp bot perlu ditautkan: buka WhatsApp di HP nomor bot → Perangkat tertaut → Tautkan perangkat, lalu pindai kode QR ini.
whatsapp-link-code = WhatsApp bot perlu ditautkan: buka WhatsApp di HP nomor bot → Perangkat tertaut → Tautkan dengan nomor telepon, lalu masukkan kode { $code }.
whatsapp-logged-out = WhatsApp bot keluar (logout): nomor bot harus ditautkan lagi. Kode QR atau kode tautan baru akan dikirim.

## Batas pesan
rate-limited = Pelan-pelan ya 🙏 Pesanmu datang terlalu cepat, jadi yang barusan belum saya proses. Kirim lagi dalam { $seconds } detik.
rate-limited-press = Terlalu cepat 🙏 Tombol tadi belum diproses. Tekan lagi dalam { $seconds } detik.

## Alur percakapan
flow-too-many-tries = Jawabannya belum cocok beberapa kali, jadi langkah ini saya hentikan dulu. Ketik /start untuk mulai lagi.

## Isi saldo otomatis (QRIS, virtual account)
deposit-button-auto = ⚡ Isi otomatis: QRIS / Virtual Account
deposit-auto-hint = ⚡ Isi saldo otomatis lewat QRIS atau virtual account: saldo masuk sendiri begitu dibayar.
gdep-ask-amount = Mau isi saldo berapa? Pilih, atau ketik jumlahnya (paling sedikit { $min }, paling banyak { $max }).
gdep-type-amount = Ketik jumlah isi saldo (contoh: 50000, 50.000, 50rb), atau pilih salah satu tombol.
gdep-amount-invalid = Jumlah "{ $input }" tidak sesuai. Ketik antara { $min } dan { $max } (contoh: 50000, 50rb).
gdep-amount-out-of-range = Isi saldo paling sedikit { $min } dan paling banyak { $max }. Ketik jumlah lain.
gdep-button-cancel = ✖️ Batal
gdep-cancelled = Isi saldo dibatalkan.
gdep-pick-method = Isi saldo { $amount }. Pilih cara bayar:
gdep-method-free = • { $method }: bayar { $pay }, tanpa biaya
gdep-method-customer-fee = • { $method }: bayar { $pay } (termasuk biaya { $fee })
gdep-method-operator-fee = • { $method }: bayar { $pay } (biaya { $fee } kami tanggung)
gdep-use-buttons = Pilih cara bayar dengan tombol di atas, atau Batal.
gdep-qris =
    📷 Scan QRIS ini dengan aplikasi bank atau e-wallet.
    Bayar tepat: { $pay }
    Berlaku sampai: { $until }
    No. isi saldo: { $id }
    Saldo masuk otomatis begitu dibayar.
gdep-qris-text =
    📷 Kode QRIS untuk isi saldo { $id }.
    Bayar tepat: { $pay }
    Berlaku sampai: { $until }
gdep-qris-elsewhere = (Di Telegram dan WhatsApp kode ini dikirim sebagai gambar QR; di sini hanya teksnya.)
gdep-va =
    🏦 Transfer ke virtual account { $bank }:
    { $number }
    Bayar tepat: { $pay }
    Berlaku sampai: { $until }
    No. isi saldo: { $id }
    Saldo masuk otomatis begitu dibayar.
gdep-button-sandbox-pay = 🧪 Bayar sekarang (sandbox)
gdep-too-many = Kamu masih punya { $count } isi saldo yang belum dibayar, dan yang paling lama ({ $id }, { $pay }) belum bisa dibatalkan sekarang. Bayar yang itu, atau tunggu sampai kedaluwarsa ({ $until }), lalu coba lagi.
gdep-replaced = Isi saldo { $id } yang belum dibayar dibatalkan dan diganti yang baru.
gdep-refused = Maaf, cara bayar ini sedang tidak bisa dipakai. Coba cara lain, atau isi saldo lewat admin (/deposit).
gdep-unreachable = Maaf, layanan pembayaran sedang tidak menjawab. Tidak ada uang yang berpindah; coba lagi sebentar lagi.
deposit-news-paid = ✅ Isi saldo { $amount } masuk ({ $id }). Saldo kamu sekarang { $balance }.
deposit-news-expired = ⌛ Isi saldo { $id } ({ $amount }) kedaluwarsa sebelum dibayar; saldo tidak berubah. Mulai lagi dengan /deposit.
deposit-news-failed = ❌ Isi saldo { $id } ({ $amount }) gagal; saldo tidak berubah. Mulai lagi dengan /deposit.

## Beberapa provider: rute, percobaan, provider keluar dari rute (admin)
cmd-rute = Rute provider per produk
route-provider-out =
    🚧 { $provider } dikeluarkan dari rute: { $failures } pembelian gagal berturut-turut. Produk dibeli lewat provider lain sampai { $until }; setelah itu bot mengecek { $provider } dan memakainya lagi kalau cek berhasil.
route-provider-back = ✅ { $provider } kembali dipakai: cek ke provider berhasil.
admin-route-state-ok = ✅
admin-route-state-not-sold = tidak dijual
admin-route-state-unavailable = ⛔ kosong/gangguan
admin-route-state-cut-off = ⏸ cut-off
admin-route-state-stale = ⌛ daftar harga lama
admin-route-state-excluded = 🚫 dikecualikan
admin-route-state-suspended = 🚧 keluar dari rute
admin-route-state-inactive = ⛔ nonaktif
admin-route-line = 🔀 Rute: { $routes }
admin-route-none = tidak ada provider
admin-attempt-line = {"   "}↳ { $n }. { $provider } { $ref }: { $answer }{ $code } { $time }
admin-attempt-sent = dikirim
admin-attempt-success = sukses
admin-attempt-failed = gagal
admin-attempt-refused = ditolak, dialihkan
admin-attempt-pending = menunggu
admin-attempt-unknown = belum pasti
admin-route-title = 🔀 Rute { $product } (urutan dicoba):
admin-route-health = sukses { $ok }/{ $of }, { $seconds } dtk sampai jawaban akhir
admin-route-health-none = belum ada riwayat
admin-route-usage =
    /rute <produk> — rute sebuah produk
    /rute <produk> pin <provider> — selalu coba provider ini dulu
    /rute <produk> kecuali <provider> — jangan pakai provider ini
    /rute <produk> hapus — kembali ke rute termurah
admin-route-providers = Provider: { $providers }
admin-route-no-overrides = Belum ada pengaturan rute: setiap produk lewat rute termurah yang sehat.
admin-route-override-pin = 📌 { $product }: { $provider } dulu
admin-route-override-exclude = 🚫 { $product }: tanpa { $provider }
admin-route-out = 🚧 { $provider } keluar dari rute sampai { $until } ({ $reason })
admin-route-unknown-product = Produk "{ $product }" tidak dikenal. Sebut id produk tagihan (pln-pascabayar) atau kode produk prabayar (xld10).
admin-route-cleared = Rute { $product } kembali otomatis ({ $count } pengaturan dihapus).
admin-route-set-pin = 📌 { $product } sekarang dicoba lewat { $provider } dulu.
admin-route-set-exclude = 🚫 { $product } tidak lagi lewat { $provider }.
admin-report-providers = Per provider:
admin-report-provider = {"   "}{ $provider }: { $count } transaksi, { $volume }, margin { $margin }

## Transaction PIN
cmd-pin = Atur PIN transaksi
cmd-resetpin = Hapus PIN transaksi pengguna
cmd-level = Lihat atau ubah level harga pengguna
cmd-markup = Aturan markup per level: kode, brand atau kategori
pin-ask = 🔒 Ketik PIN transaksi kamu (4-6 angka).
pin-wrong = ❌ PIN salah. Sisa { $left } kali coba.
pin-paused = ⛔ Terlalu banyak PIN salah. Pembelian dari akun ini dijeda sampai { $until }. Lupa PIN? Hubungi admin.
pin-paused-admin = ⛔ { $user } (id { $id }) salah PIN terlalu sering: pembeliannya dijeda sampai { $until }. Hapus PIN-nya dengan /resetpin { $id } bila memang dia.
pin-required-unset = 🔒 Pembelian ini perlu PIN transaksi. Buat dulu dengan /pin <PIN baru>, contoh /pin 482916, lalu beli lagi.
pin-not-deleted = ⚠️ Bot tidak bisa menghapus pesan di WhatsApp: hapus sendiri pesan berisi PIN kamu.
pin-usage-set = Buat PIN transaksi (4-6 angka): /pin <PIN baru>, contoh /pin 482916.
pin-usage-change = Ganti PIN transaksi: /pin <PIN lama> <PIN baru>.
pin-invalid = PIN harus 4-6 angka.
pin-set-done = ✅ PIN transaksi tersimpan. Pesan berisi PIN sudah dihapus bila bisa.
pin-changed = ✅ PIN transaksi diganti.
pin-reset-by-admin = 🔓 Admin menghapus PIN transaksi kamu. Buat yang baru dengan /pin <PIN baru>.
admin-resetpin-usage = Format: /resetpin <pengguna>
admin-resetpin-done = ✅ PIN { $user } dihapus; jeda pembeliannya (bila ada) selesai.
admin-resetpin-none = { $user } tidak punya PIN.
admin-level-usage = Format: /level <pengguna> [level]
admin-level-show = Level harga { $user }: { $level }. Level yang ada: { $levels }.
admin-level-unknown = ❌ Level { $level } tidak ada. Level yang ada: { $levels }.
admin-level-already = { $user } sudah di level { $level }.
admin-level-done = ✅ Level harga { $user }: { $from } → { $level }. Harga berikutnya memakai level ini.

## Aturan markup dari chat (/markup)
admin-markup-title = 📐 Aturan markup dari chat (di atas data/products.json). Level: { $levels }.
admin-markup-empty = Belum ada: semua harga memakai data/products.json.
admin-markup-rule = • { $level } · { $kind } { $target }: { $markup }
admin-markup-usage = Format: /markup <level> <kode|brand|kategori|tagihan> <target> <500|2%|hapus>, contoh /markup reseller brand TELKOMSEL 500, /markup agen tagihan PLN 1000. /markup undo membatalkan perubahan terakhir.
admin-markup-kind-code = kode
admin-markup-kind-brand = brand
admin-markup-kind-category = kategori
admin-markup-kind-bill = tagihan
admin-markup-none = tidak ada
admin-markup-set = ✅ Markup { $level } · { $kind } { $target }: { $before } → { $after }. Berlaku sekarang.
admin-markup-removed = ✅ Markup { $level } · { $kind } { $target } dihapus (sebelumnya { $before }): kembali ke data/products.json.
admin-markup-undone = ↩️ Dibatalkan: markup { $level } · { $kind } { $target } kembali { $after } (tadi { $before }).
admin-markup-nothing-to-undo = Tidak ada perubahan markup untuk dibatalkan.
admin-markup-bad-category = ❌ Kategori { $category } tidak ada. Kategori: { $categories }.
admin-markup-bad-bill = ❌ Tagihan { $bill } tidak ada. Tulis id produk (pln-pascabayar), id kategori (listrik) atau kode singkatnya (PLN).
admin-markup-bad-value = ❌ { $value } bukan markup. Tulis rupiah (500) atau persen (2%), atau hapus.
admin-markup-example = Contoh: { $product } [{ $code }] modal { $cost } → { $price }.
level-changed = ℹ️ Level harga kamu sekarang: { $level }.
admin-prepaid-level = { $level }: { $price } · margin { $margin }

## Satu akun di Telegram dan WhatsApp (/tautkan)
cmd-tautkan = Satukan akun Telegram dan WhatsApp
cmd-lepas = Lepas tautan akun pengguna
link-code =
    🔗 Kode tautan kamu: { $code }
    Ketik /tautkan { $code } di { $other } dalam { $minutes } menit. Setelah itu saldo, riwayat dan nomor tersimpan kedua akun menjadi satu.
    ⚠️ Jangan berikan kode ini kepada siapa pun: siapa pun yang mengetiknya bisa memakai saldo kamu.
link-done = ✅ Akun Telegram dan WhatsApp kamu sekarang satu. Saldo: { $balance }. Riwayat dan nomor tersimpan kedua akun digabung; kabar berikutnya dikirim ke tempat kamu terakhir menulis.
link-wrong = ❌ Kode salah. Sisa { $left } kali coba dalam satu jam.
link-expired = ⌛ Kode itu sudah kedaluwarsa. Minta kode baru dengan /tautkan di akun yang lain.
link-too-many = ⛔ Terlalu banyak kode salah. Coba lagi satu jam lagi.
link-own-code = Kode itu dibuat di akun ini. Ketik /tautkan <kode> di { $other }.
link-already = Akun ini sudah tertaut dengan akun lain. Minta admin melepasnya dulu bila ingin menautkan akun lain.
link-admin-own = Akun admin tidak bisa ditautkan.
link-refused = ❌ Akun ini tidak bisa ditautkan. Hubungi admin.
link-usage = Format: /tautkan untuk meminta kode, lalu /tautkan <kode 6 angka> di akun yang lain.
link-same-channel = ❌ Tautan hanya antara satu akun Telegram dan satu akun WhatsApp.
link-already-linked = Salah satu akun sudah tertaut. Lepas dulu tautannya (/lepas).
link-busy = ⏳ Masih ada pembayaran yang sedang diproses di akun WhatsApp. Tautkan lagi setelah selesai.
link-code-used = Kode itu sudah dipakai.
link-no-user = ❌ Pengguna tidak ditemukan.
admin-link-done = ✅ { $telegram } (Telegram) dan { $whatsapp } (WhatsApp) sekarang satu akun. Saldo dipindah: { $moved }; saldo akun: { $balance }.
admin-unlink-usage = Format: /lepas <pengguna>
admin-unlink-none = { $user } tidak tertaut dengan akun lain.
admin-unlink-done = ✅ Tautan dilepas: { $whatsapp } (WhatsApp) kembali berdiri sendiri dengan saldo kosong; saldo, riwayat dan nomor tersimpan tetap di { $telegram } (Telegram).

## Siaran (/broadcast) dan berhenti menerima info
cmd-broadcast = Kirim pesan ke semua pengguna
broadcast-usage =
    Format (pesan di baris berikutnya; bisa juga sebagai keterangan gambar):
    /broadcast semua
    /broadcast level <nama level>
    /broadcast aktif <jumlah hari>
broadcast-empty = ❌ Pesannya kosong. Tulis pesan di baris setelah /broadcast { $audience }.
broadcast-audience-all = semua pengguna
broadcast-audience-level = pengguna level { $level }
broadcast-audience-active = pengguna yang aktif { $days } hari terakhir
broadcast-preview =
    📣 Pratinjau siaran #{ $id } untuk { $audience }{ $picture }:
    { $count } penerima (Telegram { $telegram }, WhatsApp { $whatsapp }). Yang berhenti menerima info atau memblokir bot dilewati.
    ———
    { $text }
broadcast-picture = , dengan gambar
broadcast-picture-failed = ❌ Gambarnya tidak bisa diambil dari Telegram. Kirim lagi gambarnya dengan keterangan /broadcast ….
broadcast-caption-long = ❌ Keterangan gambar paling panjang { $max } huruf. Perpendek pesannya, atau kirim tanpa gambar.
broadcast-send-button = 📣 Kirim ke { $count } pengguna
broadcast-cancel-button = Batal
broadcast-cancelled = Siaran #{ $id } dibatalkan; tidak ada yang dikirim.
broadcast-started = 📣 Siaran #{ $id } mulai dikirim ke { $count } pengguna.
broadcast-not-draft = Siaran #{ $id } sudah dikirim atau dibatalkan; tombol ini tidak berlaku lagi.
broadcast-progress = 📣 Siaran #{ $id }: { $done } dari { $count } diproses. Terkirim { $sent }, memblokir bot { $blocked }, berhenti info { $optedOut }, gagal { $failed }.
broadcast-finished = ✅ Siaran #{ $id } selesai: terkirim { $sent } dari { $count }. Memblokir bot { $blocked }, berhenti info { $optedOut }, gagal { $failed }, tidak pasti { $unknown }.
broadcast-footer = Tidak mau menerima info seperti ini? Ketik /stopinfo.
broadcast-stopped = 🔕 Kamu tidak akan menerima info dari admin lagi. Nyalakan lagi dengan /mulaiinfo. Struk dan kabar pembayaranmu tetap dikirim.
broadcast-resumed = 🔔 Kamu akan menerima info dari admin lagi. Matikan dengan /stopinfo.

## Pesanan satu baris (KODE.NOMOR)
oneline-unknown-code = ❓ Kode { $code } tidak dikenal. Format pesanan satu baris: KODE.NOMOR, contoh XL10.087800001230 (pulsa) atau PLN.530000000001 (tagihan). Kode tagihan: { $bills }. Kode pulsa, paket data dan token sama dengan kode di daftar harga; tanyakan admin bila belum tahu. Atau pakai menu: /beli, /bayar.
oneline-bad-phone = ❌ { $number } bukan nomor HP (10–13 angka, diawali 08). Ketik ulang pesanannya, contoh XL10.087800001230.
oneline-bad-meter = ❌ { $number } bukan nomor meter PLN (11–12 angka). Ketik ulang pesanannya, contoh PLN20.12345678901.
oneline-bad-number = ❌ Nomor { $number } tidak sesuai. Yang dibutuhkan: { $hint }. Ketik ulang pesanannya.
oneline-wrong-operator = ❌ { $number } adalah nomor { $operator }, bukan untuk { $product }. Periksa kode atau nomornya, lalu ketik ulang.
oneline-needs-menu = { $product } perlu data tambahan: beli lewat { $command }.
oneline-repeat = ⚠️ Ini transaksi ke-{ $n } hari ini untuk produk ini ke { $number }. Yakin mau beli lagi? Balas ya untuk lanjut, batal untuk membatalkan.
oneline-unknown-code-near = ❓ Kode { $code } tidak dikenal. Maksudnya: { $codes }? Ketik ulang pesanannya, contoh XL10.087800001230.

## Beberapa pesanan dalam satu pesan (satu baris satu pesanan)
batch-title = 🧾 Pesanan sekaligus ({ $count } baris)
batch-total = Total { $count } pesanan: { $total }
batch-balance = Saldo kamu: { $balance }
batch-confirm = Balas ya atau 1 untuk bayar semua, batal atau 2 untuk membatalkan.
batch-button-pay = ✅ Bayar semua
batch-short = ❌ Saldo kurang { $missing } untuk semua pesanan ini. Isi saldo dengan /deposit, lalu kirim ulang pesanannya.
batch-too-many = ❌ Paling banyak { $max } pesanan dalam satu pesan. Kirim sisanya di pesan berikutnya.
batch-line-unavailable = produk sedang tidak tersedia
batch-line-repeat = (transaksi ke-{ $n } hari ini)
batch-line-short = saldo tidak cukup, tidak dibayar
batch-line-not-paid = tidak dibayar, saldo tidak berubah
batch-paying = ⏳ { $count } pesanan sedang diproses. Hasilnya menyusul satu baris per pesanan.
batch-none-paid = Tidak ada pesanan yang dibayar.
batch-receipt-success = ✅ { $n }/{ $of } { $product } · { $number } · { $amount } · SN { $sn }
batch-receipt-failed = ❌ { $n }/{ $of } { $product } · { $number }: gagal, { $amount } dikembalikan ke saldo.
batch-receipt-pending = ⏳ { $n }/{ $of } { $product } · { $number } · { $amount }: masih diproses, hasilnya menyusul.

## Daftar harga untuk pengguna (/harga <brand|kategori>)
price-list-usage = Lihat harga dan kodenya: /harga <brand atau kategori>, contoh /harga tsel, /harga xl, /harga pln, /harga data.
price-list-none = Tidak ada produk untuk "{ $query }". Coba /harga tsel, /harga pln atau /harga data.
price-list-title = 💰 Harga { $query } (level { $level }) · kode · produk · harga
price-list-line = { $code } · { $product } · { $price }
price-list-more = …dan { $count } lagi: persempit, misalnya /harga tsel data.
price-list-bill = { $code } · { $product } · sesuai tagihan
price-list-how = Pesan satu baris: KODE.NOMOR, contoh { $example }. Beberapa pesanan: satu baris satu pesanan. PIN boleh ditulis di belakang: KODE.NOMOR.PIN.
