## Menu utama
start-greeting =
    Halo { $name }! 👋
    Di sini kamu bisa bayar tagihan PLN, PDAM, BPJS, HP, internet dan lainnya pakai saldo deposit.
    Mau apa hari ini?
menu-title = Menu utama:
menu-pay = 💡 Bayar tagihan
menu-balance = 💰 Saldo saya
menu-history = 🧾 Riwayat
menu-help = ❓ Bantuan
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
    /saldo – lihat saldo
    /riwayat – riwayat transaksi dan struk
    /favorit – nomor tersimpan, bayar lagi
    /bahasa – ganti bahasa (Indonesia/English)
    /batal – batalkan proses yang sedang berjalan
    /bantuan – bantuan ini
help-admin =
    Perintah admin:
    /topup <id pengguna> <jumlah> – tambah saldo pengguna

## Saldo
balance-text = Saldo kamu: { $balance }
balance-topup-hint = Untuk isi saldo, hubungi admin.

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
pay-ask-identity = Ketik { $hint }.
pay-ask-amount = Ketik nominal isi ulang, antara { $min } dan { $max } (kelipatan { $multiple }).
pay-number-invalid =
    Nomor "{ $input }" tidak sesuai. Yang dibutuhkan: { $hint }.
    Silakan ketik lagi, atau /batal untuk membatalkan.
pay-amount-invalid =
    Nominal tidak sesuai. Ketik angka antara { $min } dan { $max }, kelipatan { $multiple }. Contoh: 50000
pay-checking = ⏳ Mengecek tagihan { $number }…
pay-rejected-customer = ❌ Tagihan tidak bisa diproses: { $reason }. Periksa lagi nomornya, lalu coba lagi.
pay-rejected-provider = ❌ Layanan biller sedang gangguan ({ $reason }). Silakan coba lagi nanti.
pay-rejected-operator = ❌ Layanan sedang tidak tersedia. Admin sudah diberi tahu. Silakan coba lagi nanti.
pay-unavailable = ⚠️ Biller tidak menjawab. Tidak ada yang dibayar dan saldo kamu tidak berubah. Silakan coba lagi sebentar lagi.
pay-type-number = Ketik nomornya ya, atau /batal untuk membatalkan.
pay-use-buttons = Silakan pilih dengan tombol di atas, atau ketik /batal untuk membatalkan.
pay-button-pay = ✅ Bayar
pay-button-cancel = ✖️ Batal
pay-cancelled = Pembayaran dibatalkan. Saldo kamu tidak berubah.
pay-insufficient =
    Saldo kamu tidak cukup: saldo { $balance }, perlu { $price }.
    Isi saldo dulu ke admin, lalu bayar lagi.
pay-confirmed = ⏳ Pembayaran sedang diproses…
pay-already = Tagihan ini sudah diproses sebelumnya.

## Ringkasan tagihan
bill-title = 🧾 Tagihan { $product }
bill-customer = Nama: { $name }
bill-number = No. pelanggan: { $number }
bill-period = Periode { $period }
bill-amount = Tagihan: { $amount }
bill-penalty = Denda: { $amount }
bill-other = Biaya lain: { $amount }
bill-meter = Stand meter: { $start } – { $end }
bill-admin = Biaya admin: { $amount }
bill-total = Total bayar: { $amount }
bill-balance = Saldo kamu: { $balance }
bill-confirm = Lanjut bayar?

## Struk
receipt-success-title = ✅ Pembayaran berhasil
receipt-failed-title = ❌ Pembayaran gagal
receipt-pending-title = ⏳ Pembayaran sedang diproses
receipt-product = Produk: { $product }
receipt-customer = Pelanggan: { $name } ({ $number })
receipt-ref = No. referensi: { $ref }
receipt-sn = SN/Token: { $sn }
receipt-total = Total: { $amount }
receipt-time = Waktu: { $time }
receipt-balance = Sisa saldo: { $balance }
receipt-failed-refund = Dana { $amount } sudah dikembalikan ke saldo kamu. Saldo sekarang: { $balance }
receipt-pending-note = Biller masih memproses. Saldo { $amount } kami tahan sampai ada hasil, dan kamu akan diberi kabar.

## Isi saldo (admin)
topup-usage =
    Format: /topup <id pengguna> <jumlah>
    Contoh: /topup 123456789 50000
topup-not-admin = Perintah ini hanya untuk admin.
topup-user-not-found = Pengguna { $user } tidak ditemukan. Pengguna harus pernah menyapa bot dulu.
topup-amount-invalid = Jumlah "{ $input }" tidak sesuai. Tulis angka rupiah, contoh: 50000
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

## Nomor tersimpan
favorite-save-button = ⭐ Simpan nomor ini
favorite-ask-label = Beri nama singkat untuk nomor ini (maks. { $max } huruf), misalnya "Rumah Ibu". Ketik - untuk memakai nama pelanggan ({ $name }).
favorite-saved = ⭐ Tersimpan sebagai "{ $label }". Lihat semua dengan /favorit.
favorite-title = ⭐ Nomor tersimpan
favorite-empty = Belum ada nomor tersimpan. Setelah pembayaran berhasil, tekan "Simpan nomor ini".
favorite-line = { $n }. { $label } – { $product } { $number }
favorite-pay-button = 🔁 Bayar lagi: { $n }. { $label }
favorite-delete-button = 🗑 Hapus { $n }
favorite-deleted = Nomor dihapus.
favorite-unavailable = Produk ini sedang tidak tersedia.

## Bahasa
language-choose = Pilih bahasa / Choose a language:
language-set = Bahasa diganti ke Bahasa Indonesia.

## Daftar perintah (menu Telegram)
cmd-start = Menu utama
cmd-bayar = Bayar tagihan
cmd-saldo = Lihat saldo
cmd-riwayat = Riwayat transaksi
cmd-favorit = Nomor tersimpan
cmd-deposit = Cara isi saldo
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
cmd-laporan = Laporan harian
cmd-blokir = Blokir pengguna
cmd-buka = Buka blokir pengguna

## Pilihan bernomor (WhatsApp dan terminal)
choice-hint = Balas dengan nomor pilihan.

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
