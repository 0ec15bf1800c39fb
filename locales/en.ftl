## Main menu
start-greeting =
    Hi { $name }! 👋
    Here you can pay PLN, PDAM, BPJS, phone, internet and other bills from your deposit balance.
    What would you like to do?
menu-pay = 💡 Pay a bill
menu-prepaid = 📱 Credit, tokens & top-ups
menu-balance = 💰 My balance
menu-history = 🧾 History
menu-statement = 📒 Balance statement
menu-help = ❓ Help
menu-topup = 💳 Top up
menu-previous = ⬅️ Previous
menu-next = Next ➡️
menu-back = ↩️ Back
menu-expired = This menu has expired. Type /start to begin again.
fallback-unknown = Sorry, I didn't understand that. Type /start to see the menu.
blocked = Your account is blocked. Please contact the admin.
error-generic = Sorry, something went wrong. Your balance is safe. Please try again in a moment.

## Help
help-text =
    How it works:
    1. Type /pay or choose "Pay a bill".
    2. Pick a product, then type the customer number.
    3. Check the bill summary, then press "Pay".
    Payments are taken from your deposit balance.

    Commands:
    /start – main menu
    /pay – pay a bill
    /buy – buy phone credit, data, electricity tokens, e-wallet, game and voucher top-ups
    /balance – show your balance
    /deposit – how to top up, then tell the admin
    /history – transaction history and receipts
    /mutasi – balance statement for a period (also as a CSV file)
    /struk – receipt pictures and counter fee
    /favorites – saved numbers, pay again
    /mybills – your saved monthly bills this month
    /reminders – monthly bill reminders (on/off)
    /language – change language (Indonesia/English)
    /cancel – cancel what is in progress
    /help – this help
    /tautkan – join your Telegram and WhatsApp accounts
    /stopinfo – no more news from the admins (/mulaiinfo turns it back on)
help-admin =
    Admin commands (<user> = numeric id, @username or phone number; <amount> = 50000, 50.000, 50rb, 1jt):
    /topup <user> <amount> [note] – add to a balance
    /potong <user> <amount> [note] – deduct from a balance
    /balance <user> – a user's balance
    /user <user> – profile and last 5 transactions
    /pending – payments in flight
    /cek <ref> – ask the biller about a payment now
    /selesaikan <ref> sukses|gagal [note] – resolve by hand (gagal = refund)
    /saldoprovider – your deposit at the provider
    /laporan [date or period] – report (WIB): today, yesterday, 7/12, december 2026, 1/12 - 7/12
    /ringkasan – money overview: customers' balances, provider deposit, volume and margin
    /export [month or period] – CSV files of transactions, balance changes and top-ups
    /blokir <user> – block a user
    /sembunyikan <code> – hide a prepaid product from the menu
    /tampilkan <code> – show a prepaid product again
    /reload – read the product catalog and markups (data/products.json) again, without a restart
    /buka <user> – unblock a user
    /deposits – top-up requests waiting, with their buttons, and automatic top-ups
    /deposits <no.> [lunas [amount]|gagal] [note] – look up or settle an automatic top-up by hand
    /tautkan <user> <user> – join a Telegram and a WhatsApp account; /lepas <user> – undo it
    /broadcast semua|level <level>|aktif <days> – send a message (on the next lines) to users

## Balance
balance-text = Your balance: { $balance }
balance-topup-hint = To top up, type /deposit.
balance-held = Held for payments being processed: { $amount } (not included in the balance above).

## Cancel
cancel-done = Cancelled. Your balance has not changed.
cancel-nothing = Nothing is in progress.

## Pay a bill
pay-choose-product = What would you like to pay? Choose a kind:
pay-chosen = Product: { $product }
pay-choose-in-category = { $category } – choose a product:
pay-ask-year = Type the tax year ({ $min }–{ $max }), e.g. { $example }.
pay-year-invalid = That year doesn't fit. Type 4 digits between { $min } and { $max }, e.g. { $example }.
pay-ask-number =
    Type the { $hint }.
    (Type /cancel to cancel.)
pay-ask-field = Type the { $hint }.
pay-ask-months = Pay for how many months?
pay-months-use-buttons = Choose how many months with the buttons above, or type /cancel to cancel.
pay-ask-amount = Type the top-up amount, between { $min } and { $max } (in steps of { $multiple }).
pay-number-invalid =
    "{ $input }" doesn't look right. Expected: { $hint }.
    Please type it again, or /cancel to cancel.
pay-number-empty =
    Your message is empty. Expected: { $hint }.
    Please type it again, or /cancel to cancel.
pay-amount-invalid =
    That amount doesn't fit. Type a number between { $min } and { $max }, in steps of { $multiple }. Example: 50000
pay-checking = ⏳ Checking the bill for { $number }…
pay-checking-topup = ⏳ Checking the number { $number }…
pay-rejected-customer = ❌ This bill can't be processed: { $reason }. Please check the number and try again.
pay-rejected-customer-topup = ❌ This top-up can't be processed: { $reason }. Please check the number and try again.
pay-rejected-provider = ❌ The biller is having trouble ({ $reason }). Please try again later.
pay-rejected-operator = ❌ The service is unavailable right now. The admin has been told. Please try again later.
pay-reason-wrong-number = ❌ This number is not registered with the biller. Please check it and try again with { $command }.
pay-retry-command-bill = /pay
pay-retry-command-prepaid = /buy
pay-reason-already-paid = ✅ This bill is already paid; there is nothing to pay.
pay-reason-no-bill = ℹ️ There is no bill for this number yet. Try again once it is issued.
pay-reason-no-bill-topup = ❌ This number can't be topped up. Please check it and try again with { $command }.
pay-reason-already-paid-topup = ℹ️ A top-up to this number can't be processed right now. Try again later.
pay-reason-quote-expired = ⌛ The bill details have expired. Please check again with { $command }.
pay-reason-pay-at-counter = ❌ This bill can only be paid at the biller's own counter.
pay-reason-cut-off = 🌙 The biller is closing its books (cut-off). Try again later; for PLN usually after 01:00 WIB.
pay-reason-biller-down = ⚠️ The biller's service is down. Your balance has not changed. Try again later.
pay-product-unavailable = ⚠️ { $product } is not available from the provider right now. Your balance has not changed. Try again later, or choose another product with { $command }.
pay-unavailable = ⚠️ The biller didn't answer. Nothing was paid and your balance is unchanged. Please try again in a moment.
pay-type-number = Please type the number, or /cancel to cancel.
pay-use-buttons = Please choose with the buttons above, or type /cancel to cancel.
pay-button-pay = ✅ Pay
pay-button-pay-again = ✅ Pay again
pay-button-topup = 💳 Top up
pay-button-cancel = ✖️ Cancel
pay-cancelled = Payment cancelled. Your balance has not changed.
pay-insufficient =
    Your balance is too low: you have { $balance }, this needs { $price }.
    Top up first with /deposit, then pay again.
pay-confirmed = ⏳ Processing your payment…
pay-already = This bill was already handled.

## Bill summary
bill-title = 🧾 { $product } bill
bill-title-topup = 💳 { $product } top-up
bill-customer = Name: { $name }
bill-number = Customer no.: { $number }
bill-number-phone = Phone no.: { $number }
bill-number-bpjs = BPJS VA no.: { $number }
bill-number-bpjstk = Membership no.: { $number }
bill-number-contract = Contract no.: { $number }
bill-number-tax-object = Tax object no. (NOP): { $number }
bill-number-payment-code = Payment code: { $number }
bill-number-registration = Registration no.: { $number }
bill-number-account = Phone/account no.: { $number }
bill-number-payment = Payment no.: { $number }
bill-number-policy = Policy no.: { $number }
bill-identity = ID number (NIK): { $value }
bill-address = Address: { $value }
bill-participants = Members: { $value }
bill-people = { $count ->
    [one] 1 person
   *[other] { $count } people
}
bill-branch = Branch office: { $value }
bill-tariff-power = Tariff/power: { $tariff } / { $power }
bill-tariff = Tariff: { $tariff }
bill-power-only = Power: { $power }
bill-power = { $va } VA
bill-due-date = Due date: { $date }
bill-sheets = Bills: { $count }
bill-item = Item: { $value }
bill-vehicle = Vehicle: { $vehicle }
bill-vehicle-year = Vehicle: { $vehicle } ({ $year })
bill-vehicle-year-only = Year made: { $year }
bill-plate = Plate no.: { $value }
bill-frame = Frame no.: { $value }
bill-engine = Engine no.: { $value }
bill-owner-order = Owner no. { $number }
bill-tax-until = New tax valid until { $date }
bill-tenor = Term: { $value }
bill-months = { $count ->
    [one] 1 month
   *[other] { $count } months
}
bill-tax-year = Tax year: { $value }
bill-village = Village: { $value }
bill-district = District: { $value }
bill-regency = Regency/city: { $value }
bill-land-area = Land area: { $value }
bill-building-area = Building area: { $value }
bill-transaction = Transaction: { $value }
bill-registration-no = Registration no.: { $value }
bill-registration-date = Registered on: { $date }
bill-detail = { $label }: { $value }
bill-period = Period { $period }
bill-period-months = Contribution for { $months }
bill-period-instalment = Instalment no. { $number }
bill-period-tax-year = Tax year { $year }
bill-meter = Meter reading: { $start } – { $end }
bill-meter-one = Meter reading: { $value }
bill-ref = Ref. no.: { $ref }
bill-amount = Bill: { $amount }
bill-penalty = Late fee: { $amount }
bill-other = Other charges: { $amount }
bill-fee-pkb = Vehicle tax (PKB): { $amount }
bill-fee-pkb-fine = Vehicle tax fine: { $amount }
bill-fee-swd = Jasa Raharja insurance (SWDKLLJ): { $amount }
bill-fee-swd-fine = Jasa Raharja fine: { $amount }
bill-fee-bbn = Transfer fee (BBN): { $amount }
bill-fee-bbn-fine = Transfer fee fine: { $amount }
bill-fee-stnk = Registration card (STNK) fee: { $amount }
bill-fee-tnkb = Number plate (TNKB) fee: { $amount }
bill-fee-parking = Parking subscription: { $amount }
bill-fee-progressive = Progressive tax: { $amount }
bill-remaining = Still to pay: { $amount }
bill-total-bill = Bill total: { $amount }
bill-topup-amount = Top-up amount: { $amount }
bill-admin = Admin fee: { $amount }
bill-discount = Discount: { $amount }
bill-total = Total to pay: { $amount }
bill-balance = Your balance: { $balance }
bill-balance-short = ⚠️ You are { $amount } short. Press "Top up" to see how to top up (/deposit), or Cancel.
bill-confirm = Go ahead and pay?
bill-paid-before = ⚠️ The same bill was already paid through this bot on { $time }.
bill-confirm-again = Are you sure you want to pay it again?

## Receipt
receipt-success-title = ✅ Payment successful
receipt-failed-title = ❌ Payment failed
receipt-pending-title = ⏳ Payment is being processed
receipt-cancelled-title = ✖️ Payment cancelled
receipt-time = Time: { $time }
receipt-product = Product: { $product }
receipt-sn = SN: { $sn }
receipt-biller-ref = Biller reference: { $sn }
receipt-total-paid = Total paid: { $amount }
receipt-ref = Reference: { $ref }
receipt-balance = Remaining balance: { $balance }
receipt-balance-after = Balance after this payment: { $balance }
receipt-failed-refund = { $amount } has been returned to your balance. Balance now: { $balance }
receipt-failed-refund-after = { $amount } has been returned to your balance. Balance after this refund: { $balance }
receipt-failed-refund-only = { $amount } has been returned to your balance.
receipt-pending-note = The biller is still working on it. We are holding { $amount } until there is a result, and we will let you know.
receipt-token-awaited-title = ⏳ Your electricity token is on its way
receipt-token-awaited-note = The biller has processed the purchase, but we have not received the token yet. We keep asking the biller and will send the token here as soon as it arrives. We are holding { $amount } until the token arrives; if the biller cancels, the money goes back to your balance.
receipt-cancelled-note = Nothing was paid. Your balance has not changed.

## Receipt pictures
struk-footer = Thank you. Keep this receipt as proof of payment.
struk-counter-fee = Counter fee: { $amount }
struk-total-with-fee = Total to pay: { $amount }
struk-settings =
    🖼 Receipt pictures: { $pictures }
    Counter fee on the receipt picture: { $fee }

    /struk off – send receipts as text only
    /struk on – send a receipt picture too
    /struk loket <amount> – a counter fee for your customer on the receipt picture, e.g. /struk loket 2500 (0: no counter fee; bawaan: the operator's)
struk-state-on = on
struk-state-off = off
struk-state-operator-off = turned off by the operator
struk-fee-none = none
struk-fee-operator = { $amount } (the operator's default)
struk-pictures-on = ✅ Receipt pictures are on: every successful payment also comes as a picture.
struk-pictures-off = Receipt pictures are off: receipts come as text only. Type /struk on to turn them on again.
struk-fee-set = A counter fee of { $amount } shows on the next receipt pictures, with the total your customer pays. Your balance is still charged the usual price.
struk-fee-cleared = The counter fee is gone from receipt pictures.
struk-fee-reset = The counter fee is back to the operator's default.
struk-usage = Usage: /struk on, /struk off, /struk loket <amount> (e.g. /struk loket 2500), /struk loket bawaan
picture-saved = 🖼 Picture saved: { $path }

## Top-up (admin)
topup-usage =
    Usage: /topup <user id> <amount> [note]
    Example: /topup 123456789 50000, /topup @sari 50rb BCA transfer
topup-done = Added { $amount } to { $user }. Balance now: { $balance }
topup-received = 💰 { $amount } was added to your balance. Balance now: { $balance }

## History
history-title = 🧾 Transaction history (page { $page }/{ $pages })
history-empty = No transactions yet. Type /pay to pay your first bill.
history-line =
    { $n }. { $state } · { $time }
       { $product } · { $number } · { $amount }
history-state-success = ✅ Successful
history-state-failed = ❌ Failed, money returned
history-state-pending = ⏳ Processing
history-state-sending = ⏳ Processing
history-state-confirmed = ⏳ Processing
history-receipt-button = Receipt { $n }

## Balance statement, date ranges, exports and money overview
range-unreadable = Could not read the period "{ $text }".
range-reversed = The period "{ $text }" is the wrong way round: its end is before its start.
statement-usage = Usage: /mutasi [period], e.g. /mutasi today, /mutasi yesterday, /mutasi 7 days, /mutasi march 2026, /mutasi 1/3 - 10/3
statement-choose = 📒 Balance statement: choose a period, or type /mutasi with dates (e.g. /mutasi 1/3 - 10/3, /mutasi march 2026).
statement-today = Today
statement-week = Last 7 days
statement-month = This month
statement-title = 📒 Balance statement { $period } (WIB) · page { $page }/{ $pages }
statement-opening = Opening balance: { $balance }
statement-closing = Closing balance: { $balance }
statement-empty = No balance changes in this period.
statement-line =
    { $n }. { $time } · { $what }
       { $amount } → balance { $balance }
       Ref: { $ref }
statement-kind-topup = Top-up
statement-kind-charge = Payment
statement-kind-refund = Refund
statement-kind-deduct = Deduction
statement-kind-correction = Correction
statement-csv-button = 📄 Download CSV
statement-csv-caption = 📄 Balance statement { $period } (WIB): { $count } rows.
export-usage = Usage: /export [month or range], e.g. /export, /export march 2026, /export 2026-03, /export 1/3 - 10/3 (no period: this month, WIB)
export-transactions = 📄 Transactions { $period } (WIB): { $count } rows (price, cost, margin).
export-ledger = 📄 Balance changes of all users { $period } (WIB): { $count } rows.
export-deposits = 📄 Automatic top-ups (gateway) { $period } (WIB): { $count } rows.
export-done = 📦 Export { $period } (WIB) sent: { $transactions } transactions, { $ledger } balance changes, { $deposits } gateway top-ups.
money-overview =
    💼 Money overview, { $time }
    All customers' balances (owed to customers): { $balances }
    Held by payments in flight: { $held } ({ $inFlight } transactions)
    Deposit at { $provider }: { $deposit }
    Today: { $todayCount } transactions, { $todayVolume }, margin { $todayMargin }
    This month: { $monthCount } transactions, { $monthVolume }, margin { $monthMargin }
money-overview-deposit-unknown = unreadable ({ $reason })
money-overview-cover = The deposit covers about { $hours } hours of sales (average cost over 7 days: { $perHour }/hour).
money-overview-no-sales = No sales in the last 7 days to measure what the deposit needs.
money-alert-deposit-low = ⚠️ The deposit at { $provider } is down to { $deposit }: about { $hours } hours of sales, below the { $limit }-hour limit (average cost over 7 days: { $perHour }/hour). Top up the provider deposit.
money-alert-balances-exceed = ⚠️ All customers' balances ({ $balances }) exceed the deposit at { $provider } ({ $deposit }) by { $gap }: the deposit would not cover every balance being spent.

## Saved numbers
favorite-save-button = ⭐ Save this number
favorite-ask-label = Give this number a short name (up to { $max } letters), e.g. "Mum's house". Type - to use the customer's name ({ $name }).
favorite-saved = ⭐ Saved as "{ $label }". See all with /favorites.
favorite-saved-cut = ⭐ That name is too long (up to { $max } letters), so it was saved as "{ $label }". See all with /favorites.
favorite-type-label = Type a short name for this number, or - to use the customer's name.
favorite-title = ⭐ Saved numbers
favorite-empty = No saved numbers yet. After a successful payment, press "Save this number".
favorite-line = { $n }. { $label } – { $product } { $number }
favorite-pay-button = 🔁 Pay again: { $label }
favorite-delete-button = 🗑 Delete a number…
favorite-delete-which = Which number do you want to delete?
favorite-delete-pick-button = 🗑 { $label }
favorite-delete-confirm = Delete "{ $label }" ({ $product } { $number }) from your saved numbers?
favorite-delete-yes = 🗑 Yes, delete
favorite-deleted = 🗑 "{ $label }" deleted.
favorite-unavailable = This product is not available right now.

## Bill reminders
reminder-title = 🔔 Bill reminders
reminder-state-on = 🔔 On: checked on day { $day } of each month
reminder-state-off = 🔕 Off
reminder-on-button = 🔔 Turn on: { $label }
reminder-off-button = 🔕 Turn off: { $label }
reminder-intro = Each month the bot asks the biller for the bill on its day and sends you the amount with a Pay button.
reminder-quiet = No messages from { $from }:00 to { $to }:00 WIB.
reminder-help = Change the day: /pengingat <number> <day>, e.g. /pengingat 1 12. Turn all off: /pengingat stop.
reminder-none = No monthly bills saved yet. After paying PLN, PDAM, BPJS or the like, tap "Save this number", then turn its reminder on with /pengingat.
reminder-turned-on = 🔔 Reminder for "{ $label }" is on. First check: { $date }.
reminder-turned-off = 🔕 Reminder for "{ $label }" is off. Turn it on again with /pengingat.
reminder-all-off = 🔕 All bill reminders are off ({ $count }). Turn them on again with /pengingat.
reminder-day-invalid = Write a bill's number from the /pengingat list and a day from 1 to 31, e.g. /pengingat 1 12.
reminder-due-title = 🔔 The bill for "{ $label }" is out
reminder-due-customer = { $product } { $number }, { $name }
reminder-due-period = Period: { $period }
reminder-due-bill = Bill: { $amount }
reminder-due-total = Total to pay (with admin fee): { $price }
reminder-last = Last bill paid here: { $amount } ({ $date })
reminder-jump = ⚠️ { $percent }% more than the last bill. Check it before you pay.
reminder-pay-hint = Tap Pay: the bill is checked again with the biller, then paid from your balance.
reminder-short = Your balance is { $balance }, not enough. Top up first with /deposit.
reminder-pay-button = 💳 Pay { $price }
reminder-stop-button = 🔕 Stop reminding
reminder-paid = ✅ This month's bill for "{ $label }" ({ $product } { $number }) is already paid. Next reminder: { $date }.
reminder-not-published = ⏳ The bill for "{ $label }" ({ $product } { $number }) is not out after { $tries } checks. Next reminder: { $date }. Pay any time from /favorit.
mybills-title = 🗓 This month's bills ({ $month })
mybills-paid = ✅ Paid
mybills-paid-on = ✅ Paid on { $date }
mybills-due = 🧾 Not paid yet: { $price }
mybills-not-published = ⏳ Not out yet
mybills-not-published-next = ⏳ Not out yet, checked again on { $date }
mybills-scheduled = 🔔 Checked on { $date }
mybills-unchecked = ❔ The biller did not answer, checked again on { $date }
mybills-off = 🔕 Reminder off
mybills-hint = Turn reminders on or off with /pengingat.
mybills-pay-button = 💳 Pay { $label }: { $price }

## Language
language-choose = Pilih bahasa / Choose a language:
language-name-id = 🇮🇩 Bahasa Indonesia
language-name-en = 🇬🇧 English
language-set = Language set to English.

## Command list (Telegram menu)
cmd-start = Main menu
cmd-bayar = Pay a bill
cmd-beli = Buy credit, tokens & top-ups
cmd-saldo = Show balance
cmd-riwayat = Transaction history
cmd-mutasi = Balance statement
cmd-favorit = Saved numbers
cmd-tagihanku = This month's bills
cmd-pengingat = Bill reminders
cmd-deposit = How to top up
cmd-struk = Receipt pictures and counter fee
cmd-bahasa = Change language
cmd-batal = Cancel what is in progress
cmd-bantuan = Help
cmd-topup = Add to a user's balance
cmd-potong = Deduct from a user's balance
cmd-user = User profile
cmd-pending = Payments still in progress
cmd-cek = Check a payment's status
cmd-selesaikan = Settle a payment by hand
cmd-saldoprovider = Deposit at the provider
cmd-laporan = Report for a day or a period
cmd-ringkasan = Money overview
cmd-export = CSV export of transactions, balance changes and top-ups
cmd-harga = Prices, provider costs and margins
cmd-blokir = Block a user
cmd-buka = Unblock a user
cmd-deposits = Top-up requests and automatic top-ups

## Numbered choices (WhatsApp and terminal)
terminal-resume = Picking up where you left off: type your answer, or /cancel to cancel.
terminal-resume-question =
    Picking up where you left off (type /cancel to cancel):
    { $question }
terminal-as-customer = 👤 You are now chatting as a plain customer (id { $id }): you see what a customer sees, with no admin commands. Type /admin to be the operator again.
terminal-as-admin = 🛠 You are now chatting as the operator (id { $id }, admin). Type /pelanggan to chat as a customer.
terminal-to-admin = ✉️ Message to the operator (admin, id { $id }); type /admin to answer it:
terminal-to-customer = ✉️ Message to the customer (id { $id }); type /pelanggan to answer it:
choice-hint = { $max ->
    [1] Reply with the number 1.
   *[other] Reply with the number of your choice (1-{ $max }).
}

## Months
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Payments: bill re-check and follow-up
pay-bill-changed =
    ⚠️ This bill changed since it was checked: it was { $old }, now it is { $new }. Nothing was paid and your balance is unchanged.
    Type /pay to see the current bill.
operator-alert =
    ⚠️ The provider refused a request because of the operator's account set-up: { $message } (code { $code }).
    Product: { $product }
    Check the deposit, credentials and allowed IPs at the provider. The same message is not repeated for 10 minutes.
loss-alert =
    🔻 Sold at a loss: { $product } ({ $ref })
    The provider took { $cost }, the user paid { $price }: a loss of { $loss }.
    Check the markup and the price list on /harga.
pending-alert =
    ⚠️ Payment { $ref } has been waiting for the biller since { $since }.
    User: { $user }
    Product: { $product }, customer { $number }
    Total: { $amount } (held from the user's balance)
    Check now: /cek { $ref }
    Settle by hand: /selesaikan { $ref } sukses|gagal
pending-alert-token =
    ⚠️ Electricity token { $ref }: the biller reports success, but without a token we can read (SN: { $sn }).
    User: { $user }
    Product: { $product }, meter { $number }
    Total: { $amount } (held from the user's balance; the user was told the token will follow)
    The bot keeps asking the biller and sends the receipt once the token is there. Check now: /cek { $ref }
    Token obtained from the biller: /selesaikan { $ref } sukses <token>
    Biller cancelled: /selesaikan { $ref } gagal
pending-alert-sn-empty = empty
stuck-alert =
    ⚠️ Payment { $ref } has not been taken by the provider since it was confirmed { $since }: the provider is turning it away for now, the bot keeps trying to send it.
    User: { $user }
    Product: { $product }, customer { $number }
    Total: { $amount } (held from the user's balance)
    Check the transaction limits and the account's status at the provider.
throttle-alert =
    ⏸️ The provider is limiting requests ({ $reason }): every payment is paused for { $seconds } seconds, then sent more slowly. Users' money stays held and nothing is paid twice.
    The same message is not repeated for 10 minutes.

## Admin commands
admin-not-allowed = This command is for admins only.
admin-user-not-found = User { $user } not found. Name a user by numeric id, @username or phone number (08…, 62…, +62…); they need to have messaged the bot.
admin-amount-invalid = Amount "{ $input }" doesn't fit. Accepted forms: 50000, 50.000, 50rb, 1jt
admin-note-line = Note: { $note }
admin-note-too-long = The note is too long ({ $length } letters); at most { $max }. Nothing was changed.
admin-none = -
admin-topup-note = 💰 { $admin } added { $amount } to { $user }. Balance now: { $balance }
admin-deduct-usage =
    Usage: /potong <user> <amount> [note]
    Example: /potong @sari 10rb wrong transfer
admin-deduct-insufficient = { $user } has only { $balance }, so { $amount } can't be deducted. A balance can't go below zero; nothing was changed.
admin-deduct-done = Deducted { $amount } from { $user }. Balance now: { $balance }
admin-deduct-received = An admin deducted { $amount } from your balance. Balance now: { $balance }
admin-balance-of = Balance of { $user } ({ $name }): { $balance }
admin-user-usage = Usage: /user <user>
admin-profile =
    👤 { $name }
    ID: { $id }
    Username: { $username }
    Channel: { $channel }
    Language: { $language }
    Phone: { $phone }
    Status: { $status }
    Balance: { $balance }
admin-status-active = active
admin-status-blocked = blocked
admin-profile-txs = Last { $count } transactions:
admin-profile-deposits = Last { $count } automatic top-ups:
admin-profile-no-txs = No transactions yet.
admin-tx-line = • { $time } · { $ref } · { $product } { $number } · { $amount } · { $state }
admin-state-quoted = not confirmed
admin-state-cancelled = cancelled
admin-state-confirmed = waiting to be sent
admin-state-sending = being sent to the biller
admin-state-pending = waiting for the biller
admin-state-success = successful
admin-state-failed = failed, refunded
admin-state-missing = missing
admin-block-usage = Usage: /blokir <user>
admin-block-done = 🚫 { $user } is blocked. Their messages are ignored until /buka.
admin-block-already = { $user } is already blocked.
admin-block-admin = { $user } is an admin; admins can't be blocked.
admin-unblock-usage = Usage: /buka <user>
admin-unblock-done = ✅ { $user } is unblocked.
admin-unblock-already = { $user } is not blocked.
admin-pending-none = No payments in flight.
admin-pending-title = ⏳ Payments in flight: { $count }
admin-pending-age = {"   "}⏱ { $age } · { $user }
admin-pending-more = …and { $count } more.
admin-age-minutes = { $minutes } min
admin-age-hours = { $hours } h { $minutes } min
admin-age-days = { $days } d { $hours } h
admin-tx-not-found = Transaction { $ref } not found.
admin-check-usage = Usage: /cek <reference>
admin-check-done = 🔎 { $ref } checked with the biller: { $state }
admin-check-scheduled = { $ref } was checked moments ago; the biller asks for a minute between checks. Next check { $time }.
admin-check-not-pending = { $ref } is { $state }; only payments waiting for the biller can be checked.
admin-check-error = Checking { $ref } failed on a technical error (see the log). Nothing changed.
admin-resolve-usage =
    Usage: /selesaikan <reference> sukses|gagal [note]
    sukses = the biller has paid; gagal = the money goes back to the user's balance.
    Electricity token: /selesaikan <reference> sukses <token> puts that token on the user's receipt.
admin-resolve-wrong-state = { $ref } is { $state }; only payments waiting for the biller can be resolved by hand.
admin-resolve-success = ✅ { $ref } marked successful. { $user } will be told.
admin-resolve-failed = ↩️ { $ref } marked failed; { $amount } went back to { $user }'s balance, and they will be told.
admin-provider-balance = 🏦 Deposit at { $provider }: { $balance }
admin-provider-balance-failed = { $provider } refused the balance check: { $message } (code { $code }).
admin-provider-balance-unknown = { $provider } did not answer the balance check ({ $reason }). Try again in a moment.
admin-report-gateway = Automatic top-ups (gateway): { $count }, { $amount } credited; gateway fees { $fees } (borne by the operator { $operatorFees })
admin-report-chart-title = Sales { $from } – { $to }
admin-report-chart-volume = Volume per day (what users paid)
admin-report-chart-margin = Margin per day
admin-report-chart-shares = Share of volume by product
admin-report-chart-empty = No successful payments yet
admin-report-chart-others = Others
admin-report-usage = Usage: /laporan [date or period], e.g. /laporan yesterday, /laporan 7/12, /laporan 07-12-2026, /laporan 2026-12-07, /laporan december 2026, /laporan 1/12 - 7/12 (no date: today, WIB)
admin-report =
    📊 Report for { $date } (WIB)
    Successful payments: { $count }, { $volume }
    Paid to the provider: { $cost }
    Earned (markup): { $markup }
    Refunds: { $refunds }, { $refundAmount }
    Still in progress: { $pending }
    Top-ups: { $topups }, { $topupAmount }
    Admin deductions: { $deductions }, { $deductionAmount }
admin-deposit-request = 📨 Top-up request #{ $id } from { $user }: { $amount }. Check the transfer, then press the button to credit it.
admin-deposit-request-no-amount = 📨 Top-up request #{ $id } from { $user } (no amount given). Check the transfer, then press the button.
admin-deposit-button = ➕ Add { $amount }
admin-deposit-button-ask = ➕ Add balance
admin-deposit-ask-amount = How much should request #{ $id } from { $user } add? Type the amount (50000, 50.000, 50rb, 1jt), or /cancel.
admin-deposit-handled = Request #{ $id } was already handled by { $admin }. Nothing was added again.
admin-deposit-missing = Request #{ $id } not found.
admin-deposit-changed = Request #{ $id } was changed by its user since this message; nothing was added. Use its newest message or /deposits.
admin-deposits-none = No top-up requests are waiting.
admin-deposits-title = 📨 Top-up requests waiting: { $count }
admin-deposits-line = #{ $id } · { $user } · { $amount } · { $time }
admin-deposits-no-amount = no amount given
admin-deposits-button = ➕ #{ $id } { $user }: { $amount }
admin-deposits-more = …and { $count } more (handle the ones above first).
admin-gdep-title = ⚡ Automatic top-ups (gateway), open: { $open }
admin-gdep-settled-title = Latest settled:
admin-gdep-line = { $id } · { $user } · { $method } · { $amount } · { $state } · { $time }
admin-gdep-hint = Look one up: /deposits <top-up no.>. Settle by hand: /deposits <no.> lunas [amount] [note] or /deposits <no.> gagal [note]
admin-gdep-state-open = open
admin-gdep-state-paid = paid
admin-gdep-state-expired = expired
admin-gdep-state-failed = failed
admin-gdep-short-mark = (⚠️ underpaid: { $paid } received)
admin-gdep-not-found = Top-up "{ $id }" not found.
admin-gdep-detail =
    ⚡ Top-up { $id }
    User: { $user }
    Method: { $method } through { $gateway } (ref { $ref })
    Credits: { $amount }; fee { $fee } ({ $payer }); the customer pays { $pay }
    State: { $state }
    Created: { $created }; valid until { $expires }
admin-gdep-payer-customer = paid by the customer
admin-gdep-payer-operator = borne by the operator
admin-gdep-by-gateway = the gateway
admin-gdep-settled = Settled { $time } by { $by }.
admin-gdep-short = ⚠️ The gateway reports { $paid } paid of { $pay }: underpaid, nothing credited yet. Decide what to credit.
admin-gdep-settle-hint = Settle by hand: /deposits { $id } lunas [amount] [note] (credits the balance), or /deposits { $id } gagal [note].
admin-gdep-usage = Usage: /deposits <top-up no.> lunas [amount] [note], or /deposits <no.> gagal [note]
admin-gdep-no-gateway = No payment gateway is active (DEPOSIT_GATEWAY), so automatic top-ups cannot be settled here. Use /topup.
admin-gdep-needs-amount = { $id } is underpaid: the customer paid { $paid } of { $pay }. Name the amount to credit (at most { $amount }): /deposits { $id } lunas <amount> [note]
admin-gdep-bad-amount = The amount for { $id } must be between Rp 1 and { $amount } (the top-up's amount).
admin-gdep-not-open = { $id } is already { $state }; nothing changed (a top-up is credited once).
admin-gdep-paid = ✅ { $id } settled by hand: { $user } credited { $amount }. Balance now: { $balance }
admin-gdep-failed = { $id } marked failed; { $user }'s balance is unchanged.

## Top-up (users)
deposit-instructions-default =
    💳 How to top up:
    Contact the admin for the bank account or e-wallet to transfer to.
deposit-request-hint = Transferred already? Press the button below so an admin adds it to your balance.
deposit-button-request = 📨 I have transferred
deposit-ask-amount = How much did you transfer? Type the amount, { $min } to { $max } (e.g. 50000, 50.000, 50rb, 1jt), or press "Skip".
deposit-button-skip = Skip
deposit-amount-invalid = Amount "{ $input }" doesn't fit. Examples: 50000, 50.000, 50rb, 1jt. Type it again, or press "Skip".
deposit-requested = 📨 Your top-up request went to the admins. You'll hear from us as soon as the balance is added.
deposit-requested-amount = 📨 Your request to top up { $amount } went to the admins. You'll hear from us as soon as the balance is added.
deposit-updated = 📨 Your top-up request was updated (no amount given) and is with the admins. You'll hear from us as soon as the balance is added.
deposit-updated-amount = 📨 Your top-up request was updated to { $amount } and is with the admins. You'll hear from us as soon as the balance is added.
deposit-amount-too-low = A top-up request is for at least { $min }. Type the amount you transferred, or press "Skip".
deposit-amount-too-high = A top-up request can be for at most { $max }. Type a smaller amount, or press "Skip"; for more, contact the admin.
deposit-too-many = You have sent { $count } top-up requests in the last hour. The admins have them; try again later if you need to.

## Repeated commands and old buttons (admin, top-ups)
admin-command-duplicate = This command was carried out already; { $user }'s balance was not changed again. Balance now: { $balance }
admin-unknown-user = (unknown)
admin-deposit-type-amount = Type the amount to add (50000, 50.000, 50rb, 1jt), or /cancel.
deposit-type-amount = Type the amount you transferred (e.g. 50000, 50.000, 50rb, 1jt), or press "Skip".

## Prices and margins (admin)
admin-prices-title = 💲 Prices and margins (provider { $provider })
admin-prices-no-list = No price list from the provider yet: every catalog product is offered.
admin-prices-fetched = Price list: { $time }
admin-prices-failing = ⚠️ Not refreshed since { $since }: { $reason }. The last list is still used.
admin-prices-all-good = ✅ { $count } products: all available, no sale at a loss in the last 7 days.
admin-prices-flagged = ⚠️ { $count } products need a look:
admin-prices-more = …and { $count } more (see each category).
admin-prices-pick-category = Choose a category for each product's details:
admin-prices-category = 📂 { $category } ({ $page }/{ $pages })
admin-prices-product = • { $product } [{ $code }]
admin-prices-cost = provider: admin { $admin } − commission { $commission } = { $fee } per bill
admin-prices-cost-unknown = provider: no admin fee in the price list
admin-prices-markup-user = markup { $markup } → user pays the bill + { $user } · margin { $margin }
admin-prices-markup = markup { $markup } · margin { $margin }
admin-prices-markup-percent = markup { $markup } (margin depends on the bill)
admin-prices-percent = { $percent }% of the cost
admin-prices-flag-inactive = ⛔ inactive at the provider (not in the menu)
admin-prices-flag-missing = ❓ not in the provider's list (code { $code })
admin-prices-flag-loss = 🔻 lost { $amount } on { $count } sales (last 7 days)
admin-prices-overview = ↩️ Overview
price-list-failed = ⚠️ The provider's price list could not be fetched ({ $reason }). The menu keeps using the last one ({ $since }). This is sent only once; /harga shows where it stands.
price-list-never = never fetched
prepaid-list-failed = ⚠️ The provider's prepaid price list (pulsa, tokens, top-ups) could not be fetched ({ $reason }). The menu keeps using the last one ({ $since }). This is sent only once.
prepaid-list-stops = If it still fails, prepaid sales stop from { $until } until a new list can be fetched (the old prices cannot be trusted).

## Prepaid: phone credit, data, electricity tokens, e-wallets, games, vouchers (/beli)
prepaid-none = There is nothing prepaid to buy right now. Please try again later.
prepaid-choose-category = What would you like to buy? Choose:
prepaid-category-pulsa = 📱 Phone credit
prepaid-category-data = 🌐 Data package
prepaid-category-pln = ⚡ PLN electricity token
prepaid-category-ewallet = 👛 E-wallet
prepaid-category-game = 🎮 Game top-up
prepaid-category-voucher = 🎟 Voucher
prepaid-category-other = 🛍 Other
prepaid-ask-phone = Type the phone number to top up, e.g. 081234567890.
prepaid-phone-invalid = That is not a phone number. Type a 10–13 digit number starting with 08, e.g. 081234567890.
prepaid-unknown-prefix = The number { $number } fits none of the operators we serve (Telkomsel, Indosat, XL, Axis, Tri, Smartfren, by.U). Check its prefix, then type it again.
prepaid-operator = Operator: { $operator }
prepaid-none-for-operator = There is no { $operator } product to buy right now. Please try again later.
operator-telkomsel = Telkomsel
operator-indosat = Indosat
operator-xl = XL
operator-axis = Axis
operator-tri = Tri
operator-smartfren = Smartfren
operator-byu = by.U
prepaid-ask-meter = Type the PLN meter number or customer ID (11–12 digits), e.g. 12345678901.
prepaid-meter-invalid = A meter number has 11–12 digits, e.g. 12345678901. Please type it again.
prepaid-checking-meter = ⏳ Checking meter { $number }…
prepaid-meter-found = ✅ Meter { $number } is registered.
prepaid-meter-unknown = ❌ Meter { $number } is not registered with PLN. Check the number and type it again (11–12 digits), or /batal.
prepaid-meter-refused = ❌ Meter { $number } cannot take a token ({ $reason }). Type another meter number, or /batal.
prepaid-name = Name: { $name }
prepaid-tariff = Tariff/power: { $tariff }
prepaid-choose-brand = Choose the service:
prepaid-choose-product = Choose a product (cheapest first):
prepaid-open-amount-label = { $product } ({ $min }–{ $max })
prepaid-ask-player = Type your player ID (User ID).
prepaid-player-invalid = A player ID has only letters and digits (3–24). Please type it again.
prepaid-field-zone-id = Zone ID
prepaid-field-server-id = Server ID
prepaid-field-other = { $name }
prepaid-ask-field = Type your { $field }.
prepaid-field-invalid = { $field } has only letters and digits (at most 12). Please type it again.
prepaid-field-digits = { $field } has only digits (at most 12), e.g. 2101. Please type it again.
prepaid-ask-amount = Type the top-up amount, between { $min } and { $max }.
prepaid-amount-invalid = The amount must be between { $min } and { $max }, e.g. 50000. Please type it again.
prepaid-checking = ⏳ Preparing the purchase for { $number }…
prepaid-cut-off = 🌙 { $product } is in its daily cut-off; it can be bought again from { $until } WIB. Your balance is unchanged.
prepaid-stale = ⏸ Buying phone credit, tokens and top-ups is paused: the provider's price list could not be refreshed since { $since }, so prices cannot be confirmed. Your balance is unchanged. Please try again later with { $command }.
prepaid-price-rose = ⚠️ The provider just raised this product's price above { $price }, so the purchase was cancelled and your balance is unchanged. Choose again with /beli to see the latest price.
prepaid-summary-title = 🛒 Confirm your purchase
prepaid-number-phone = Phone number: { $number }
prepaid-number-meter = Meter number: { $number }
prepaid-number-account = Account number: { $number }
prepaid-number-player = Player ID: { $number }
prepaid-number = Number: { $number }
prepaid-amount = Top-up amount: { $amount }
prepaid-price = Price: { $price }
prepaid-token-title = ⚡ ELECTRICITY TOKEN:
prepaid-token-kwh = { $kwh } kWh
prepaid-voucher-code = 🎟 Voucher code (copy):
prepaid-serial = SN (copy):
prepaid-pin = 🔑 PIN (copy):

## Admin: prepaid products on /harga, hide and show
admin-prices-prepaid = 📱 Prepaid
admin-prepaid-title = 📱 Prepaid products ({ $page }/{ $pages }, { $count } products)
admin-prepaid-price = cost { $cost } → price { $price } · margin { $margin }
admin-prepaid-open = any amount { $min }–{ $max }, provider fee { $fee } + the amount
admin-prepaid-flag-unavailable = ⛔ unavailable at the provider (not on the menu)
admin-prepaid-flag-hidden = 🙈 hidden by an admin (/tampilkan to show it)
admin-prepaid-flag-cut-off = 🌙 in its daily cut-off, until { $until } WIB
admin-prepaid-stale = ⏸ This list is too old: no prepaid product is sold until a new one can be fetched.
admin-prepaid-hide-hint = Take a product off the menu: /sembunyikan <code>; put it back: /tampilkan <code>.
admin-prepaid-unknown = No product with code { $code } is in the provider's prepaid price list.
admin-hide-usage = Usage: /sembunyikan <product code>
admin-hide-done = 🙈 { $product } [{ $code }] is hidden from the menu.
admin-hide-already = { $product } [{ $code }] is already hidden.
admin-show-usage = Usage: /tampilkan <product code>
admin-show-done = 👁 { $product } [{ $code }] is on the menu again.
admin-show-already = { $product } [{ $code }] is not hidden.
cmd-sembunyikan = Hide a prepaid product
cmd-tampilkan = Show a prepaid product again

## Catalog read again (admin)
cmd-reload = Read the product catalog and markups again
catalog-reloaded = 🔄 Catalog { $file } read again: { $products } bill products, { $rules } prepaid markup rules. New prices apply from the next menu or bill.
catalog-reload-refused = ⚠️ Catalog { $file } not read again; the old prices stay. The problem: { $problem }

## Repeated balance commands (admin)
admin-repeat-topup =
    ⚠️ You already added { $amount } to { $user }'s balance at { $time } (balance after: { $balance }).
    Add { $amount } again? Nothing has changed yet.
admin-repeat-deduct =
    ⚠️ You already deducted { $amount } from { $user }'s balance at { $time } (balance after: { $balance }).
    Deduct { $amount } again? Nothing has changed yet.
admin-repeat-confirm-topup = ✅ Yes, add { $amount } again
admin-repeat-confirm-deduct = ✅ Yes, deduct { $amount } again
admin-repeat-cancel = ✖️ Cancel
admin-repeat-cancelled = Cancelled; { $user }'s balance was not changed.
admin-repeat-answered = This question was answered already; the balance was not changed again.

## Buttons that belong to someone else
button-not-yours = This button is not for you.

## WhatsApp
whatsapp-text-only = Sorry, I can only read text messages. Please type your message, for example /bayar or /saldo.
whatsapp-link-qr = The bot's WhatsApp needs linking: on the bot number's phone open WhatsApp → Linked devices → Link a device, then scan this QR code.
whatsapp-link-code = The bot's WhatsApp needs linking: on the bot number's phone open WhatsApp → Linked devices → Link with phone number instead, then enter the code { $code }.
whatsapp-logged-out = The bot's WhatsApp was logged out: the bot's number must be linked again. A new QR code or linking code will be sent.

## Message limit
rate-limited = Easy there 🙏 Your messages are coming too fast, so I have not handled the last one. Send it again in { $seconds ->
    [one] 1 second
   *[other] { $seconds } seconds
}.
rate-limited-press = Too fast 🙏 That press was not handled. Press it again in { $seconds ->
    [one] 1 second
   *[other] { $seconds } seconds
}.

## Conversation flows
flow-too-many-tries = That didn't fit a few times in a row, so I've stopped here for now. Type /start to begin again.

## Automatic top-up (QRIS, virtual account)
deposit-button-auto = ⚡ Automatic: QRIS / Virtual Account
deposit-auto-hint = ⚡ Top up automatically by QRIS or virtual account: the balance arrives by itself once paid.
gdep-ask-amount = How much would you like to top up? Pick one, or type the amount (at least { $min }, at most { $max }).
gdep-type-amount = Type the top-up amount (e.g. 50000, 50.000, 50rb), or pick one of the buttons.
gdep-amount-invalid = "{ $input }" is not an amount. Type one between { $min } and { $max } (e.g. 50000, 50rb).
gdep-amount-out-of-range = A top-up is at least { $min } and at most { $max }. Type another amount.
gdep-button-cancel = ✖️ Cancel
gdep-cancelled = Top-up cancelled.
gdep-pick-method = Top up { $amount }. Choose how to pay:
gdep-method-free = • { $method }: pay { $pay }, no fee
gdep-method-customer-fee = • { $method }: pay { $pay } (includes a { $fee } fee)
gdep-method-operator-fee = • { $method }: pay { $pay } (we bear the { $fee } fee)
gdep-use-buttons = Choose how to pay with the buttons above, or Cancel.
gdep-qris =
    📷 Scan this QRIS with your bank or e-wallet app.
    Pay exactly: { $pay }
    Valid until: { $until }
    Top-up no.: { $id }
    Your balance is credited as soon as it is paid.
gdep-qris-text =
    📷 QRIS code for top-up { $id }.
    Pay exactly: { $pay }
    Valid until: { $until }
gdep-qris-elsewhere = (On Telegram and WhatsApp this code is sent as a QR picture; here only its text.)
gdep-va =
    🏦 Transfer to the { $bank } virtual account:
    { $number }
    Pay exactly: { $pay }
    Valid until: { $until }
    Top-up no.: { $id }
    Your balance is credited as soon as it is paid.
gdep-button-sandbox-pay = 🧪 Pay now (sandbox)
gdep-too-many = You still have { $count } unpaid top-ups, and the oldest ({ $id }, { $pay }) cannot be cancelled right now. Pay that one, or wait until it expires ({ $until }), then try again.
gdep-replaced = Unpaid top-up { $id } was cancelled and replaced by the new one.
gdep-refused = Sorry, this payment method is unavailable right now. Try another one, or top up through an admin (/deposit).
gdep-unreachable = Sorry, the payment service is not answering. No money moved; try again in a moment.
deposit-news-paid = ✅ Top-up of { $amount } received ({ $id }). Your balance is now { $balance }.
deposit-news-expired = ⌛ Top-up { $id } ({ $amount }) expired before it was paid; your balance is unchanged. Start again with /deposit.
deposit-news-failed = ❌ Top-up { $id } ({ $amount }) failed; your balance is unchanged. Start again with /deposit.

## Several providers: routes, attempts, providers out of routing (admin)
cmd-rute = Provider routes per product
route-provider-out =
    🚧 { $provider } is out of routing: { $failures } purchases failed in a row. Products go through the other providers until { $until }; then the bot checks { $provider } and uses it again if the check succeeds.
route-provider-back = ✅ { $provider } is back in routing: its check succeeded.
admin-route-state-ok = ✅
admin-route-state-not-sold = not sold
admin-route-state-unavailable = ⛔ out of stock/down
admin-route-state-cut-off = ⏸ cut-off
admin-route-state-stale = ⌛ old price list
admin-route-state-excluded = 🚫 excluded
admin-route-state-suspended = 🚧 out of routing
admin-route-state-inactive = ⛔ inactive
admin-route-line = 🔀 Route: { $routes }
admin-route-none = no provider
admin-attempt-line = {"   "}↳ { $n }. { $provider } { $ref }: { $answer }{ $code } { $time }
admin-attempt-sent = sent
admin-attempt-success = success
admin-attempt-failed = failed
admin-attempt-refused = refused, moved on
admin-attempt-pending = waiting
admin-attempt-unknown = uncertain
admin-route-title = 🔀 Routes of { $product } (order tried):
admin-route-health = { $ok }/{ $of } succeeded, { $seconds } s to a final answer
admin-route-health-none = no history yet
admin-route-usage =
    /rute <product> — a product's routes
    /rute <product> pin <provider> — always try this provider first
    /rute <product> kecuali <provider> — never use this provider
    /rute <product> hapus — back to the cheapest route
admin-route-providers = Providers: { $providers }
admin-route-no-overrides = No route settings: every product goes the cheapest healthy way.
admin-route-override-pin = 📌 { $product }: { $provider } first
admin-route-override-exclude = 🚫 { $product }: never { $provider }
admin-route-out = 🚧 { $provider } out of routing until { $until } ({ $reason })
admin-route-unknown-product = Unknown product "{ $product }". Name a bill product id (pln-pascabayar) or a prepaid product code (xld10).
admin-route-cleared = { $product } routes automatically again ({ $count } settings removed).
admin-route-set-pin = 📌 { $product } now goes through { $provider } first.
admin-route-set-exclude = 🚫 { $product } no longer goes through { $provider }.
admin-report-providers = By provider:
admin-report-provider = {"   "}{ $provider }: { $count } payments, { $volume }, margin { $margin }

## Transaction PIN
cmd-pin = Set your transaction PIN
cmd-resetpin = Remove a user's transaction PIN
cmd-level = Show or set a user's price level
cmd-markup = Markup rules per level, by code, brand or category
pin-ask = 🔒 Type your transaction PIN (4-6 digits).
pin-wrong = ❌ Wrong PIN. { $left } tries left.
pin-paused = ⛔ Too many wrong PINs. Purchases from this account are paused until { $until }. Forgot your PIN? Contact an admin.
pin-paused-admin = ⛔ { $user } (id { $id }) typed a wrong PIN too often: their purchases are paused until { $until }. Remove the PIN with /resetpin { $id } if it really is them.
pin-required-unset = 🔒 This purchase needs a transaction PIN. Set one first with /pin <new PIN>, e.g. /pin 482916, then buy again.
pin-not-deleted = ⚠️ The bot cannot delete messages on WhatsApp: delete the message with your PIN yourself.
pin-usage-set = Set a transaction PIN (4-6 digits): /pin <new PIN>, e.g. /pin 482916.
pin-usage-change = Change your transaction PIN: /pin <old PIN> <new PIN>.
pin-invalid = A PIN is 4-6 digits.
pin-set-done = ✅ Transaction PIN saved. The message with the PIN was deleted where possible.
pin-changed = ✅ Transaction PIN changed.
pin-reset-by-admin = 🔓 An admin removed your transaction PIN. Set a new one with /pin <new PIN>.
admin-resetpin-usage = Usage: /resetpin <user>
admin-resetpin-done = ✅ { $user }'s PIN removed; their purchase pause (if any) has ended.
admin-resetpin-none = { $user } has no PIN.
admin-level-usage = Usage: /level <user> [level]
admin-level-show = { $user }'s price level: { $level }. Levels: { $levels }.
admin-level-unknown = ❌ There is no level { $level }. Levels: { $levels }.
admin-level-already = { $user } is at level { $level } already.
admin-level-done = ✅ { $user }'s price level: { $from } → { $level }. Their next prices use it.

## Markup rules from the chat (/markup)
admin-markup-title = 📐 Markup rules from the chat (over data/products.json). Levels: { $levels }.
admin-markup-empty = None yet: every price follows data/products.json.
admin-markup-rule = • { $level } · { $kind } { $target }: { $markup }
admin-markup-usage = Format: /markup <level> <code|brand|category|bill> <target> <500|2%|delete>, e.g. /markup reseller brand TELKOMSEL 500, /markup agen bill PLN 1000. /markup undo undoes the last change.
admin-markup-kind-code = code
admin-markup-kind-brand = brand
admin-markup-kind-category = category
admin-markup-kind-bill = bill
admin-markup-none = none
admin-markup-set = ✅ Markup { $level } · { $kind } { $target }: { $before } → { $after }. In effect now.
admin-markup-removed = ✅ Markup { $level } · { $kind } { $target } removed (was { $before }): back to data/products.json.
admin-markup-undone = ↩️ Undone: markup { $level } · { $kind } { $target } is { $after } again (was { $before }).
admin-markup-nothing-to-undo = No markup change to undo.
admin-markup-bad-category = ❌ There is no category { $category }. Categories: { $categories }.
admin-markup-bad-bill = ❌ There is no bill { $bill }. Write a product id (pln-pascabayar), a category id (listrik) or its short code (PLN).
admin-markup-bad-value = ❌ { $value } is not a markup. Write rupiah (500) or percent (2%), or delete.
admin-markup-example = For example: { $product } [{ $code }] cost { $cost } → { $price }.
level-changed = ℹ️ Your price level is now: { $level }.
admin-prepaid-level = { $level }: { $price } · margin { $margin }

## One account on Telegram and WhatsApp (/tautkan)
cmd-tautkan = Join your Telegram and WhatsApp accounts
cmd-lepas = Undo a user's account link
link-code =
    🔗 Your link code: { $code }
    Type /tautkan { $code } on { $other } within { $minutes } minutes. Then both accounts share one balance, one history and one set of saved numbers.
    ⚠️ Never give this code to anyone: whoever types it can spend your balance.
link-done = ✅ Your Telegram and WhatsApp accounts are now one. Balance: { $balance }. Both histories and saved numbers are joined; news goes where you last wrote.
link-wrong = ❌ Wrong code. { $left } tries left this hour.
link-expired = ⌛ That code has expired. Ask for a new one with /tautkan on the other account.
link-too-many = ⛔ Too many wrong codes. Try again in an hour.
link-own-code = That code was made on this account. Type /tautkan <code> on { $other }.
link-already = This account is already linked to another one. Ask an admin to undo that link first.
link-admin-own = Admin accounts cannot be linked.
link-refused = ❌ This account cannot be linked. Please contact an admin.
link-usage = Usage: /tautkan to get a code, then /tautkan <6-digit code> on the other account.
link-same-channel = ❌ A link joins one Telegram account and one WhatsApp account.
link-already-linked = One of the accounts is linked already. Undo that link first (/lepas).
link-busy = ⏳ A payment of the WhatsApp account is still being processed. Link again once it is done.
link-code-used = That code has been used.
link-no-user = ❌ User not found.
admin-link-done = ✅ { $telegram } (Telegram) and { $whatsapp } (WhatsApp) are now one account. Balance moved: { $moved }; account balance: { $balance }.
admin-unlink-usage = Usage: /lepas <user>
admin-unlink-none = { $user } is not linked to another account.
admin-unlink-done = ✅ Link undone: { $whatsapp } (WhatsApp) stands alone again with an empty balance; the balance, history and saved numbers stay with { $telegram } (Telegram).

## Broadcasts (/broadcast) and opting out
cmd-broadcast = Send a message to all users
broadcast-usage =
    Usage (the message on the next lines; or as a picture's caption):
    /broadcast semua
    /broadcast level <level name>
    /broadcast aktif <number of days>
broadcast-empty = ❌ The message is empty. Write it on the lines after /broadcast { $audience }.
broadcast-audience-all = all users
broadcast-audience-level = users at level { $level }
broadcast-audience-active = users active in the last { $days } days
broadcast-preview =
    📣 Preview of broadcast #{ $id } to { $audience }{ $picture }:
    { $count } recipients (Telegram { $telegram }, WhatsApp { $whatsapp }). Users who opted out or blocked the bot are skipped.
    ———
    { $text }
broadcast-picture = , with a picture
broadcast-picture-failed = ❌ Telegram would not give the picture. Send it again with the caption /broadcast ….
broadcast-caption-long = ❌ A picture's caption is at most { $max } characters. Shorten the message, or send it without the picture.
broadcast-send-button = 📣 Send to { $count } users
broadcast-cancel-button = Cancel
broadcast-cancelled = Broadcast #{ $id } cancelled; nothing was sent.
broadcast-started = 📣 Broadcast #{ $id } is being sent to { $count } users.
broadcast-not-draft = Broadcast #{ $id } was sent or cancelled already; this button no longer works.
broadcast-progress = 📣 Broadcast #{ $id }: { $done } of { $count } handled. Sent { $sent }, blocked the bot { $blocked }, opted out { $optedOut }, failed { $failed }.
broadcast-finished = ✅ Broadcast #{ $id } done: sent { $sent } of { $count }. Blocked the bot { $blocked }, opted out { $optedOut }, failed { $failed }, uncertain { $unknown }.
broadcast-footer = Don't want news like this? Type /stopinfo.
broadcast-stopped = 🔕 You will get no more news from the admins. Turn it back on with /mulaiinfo. Your receipts and payment news still come.
broadcast-resumed = 🔔 You will get news from the admins again. Turn it off with /stopinfo.

## One-line orders (CODE.NUMBER)
oneline-unknown-code = ❓ Unknown code { $code }. A one-line order is CODE.NUMBER, e.g. XL10.087800001230 (airtime) or PLN.530000000001 (a bill). Bill codes: { $bills }. Airtime, data and token codes are the codes of the price list; ask the admin if you do not know them. Or use the menus: /buy, /pay.
oneline-bad-phone = ❌ { $number } is not a mobile number (10–13 digits starting with 08). Type the order again, e.g. XL10.087800001230.
oneline-bad-meter = ❌ { $number } is not a PLN meter number (11–12 digits). Type the order again, e.g. PLN20.12345678901.
oneline-bad-number = ❌ The number { $number } does not fit. Needed: { $hint }. Type the order again.
oneline-wrong-operator = ❌ { $number } is a { $operator } number, not for { $product }. Check the code or the number and type it again.
oneline-needs-menu = { $product } needs more details: buy it through { $command }.
oneline-repeat = ⚠️ This is purchase no. { $n } today of this product for { $number }. Buy again? Reply yes to go on, batal to cancel.
oneline-unknown-code-near = ❓ Unknown code { $code }. Did you mean: { $codes }? Type the order again, e.g. XL10.087800001230.

## Several orders in one message (one order a line)
batch-title = 🧾 Orders at once ({ $count } lines)
batch-total = Total of { $count } orders: { $total }
batch-balance = Your balance: { $balance }
batch-confirm = Reply yes or 1 to pay them all, batal or 2 to cancel.
batch-button-pay = ✅ Pay all
batch-short = ❌ Your balance is { $missing } short for all these orders. Top up with /deposit, then send the orders again.
batch-too-many = ❌ At most { $max } orders in one message. Send the rest in the next one.
batch-line-unavailable = product unavailable now
batch-line-repeat = (purchase no. { $n } today)
batch-line-short = balance too low, not paid
batch-line-not-paid = not paid, balance unchanged
batch-paying = ⏳ { $count } orders are being processed. The results follow, one line per order.
batch-none-paid = No order was paid.
batch-receipt-success = ✅ { $n }/{ $of } { $product } · { $number } · { $amount } · SN { $sn }
batch-receipt-failed = ❌ { $n }/{ $of } { $product } · { $number }: failed, { $amount } back to your balance.
batch-receipt-pending = ⏳ { $n }/{ $of } { $product } · { $number } · { $amount }: still processing, the result follows.

## Price list for users (/harga <brand|category>)
price-list-usage = See prices and codes: /harga <brand or category>, e.g. /harga tsel, /harga xl, /harga pln, /harga data.
price-list-none = No product for "{ $query }". Try /harga tsel, /harga pln or /harga data.
price-list-title = 💰 Prices of { $query } (level { $level }) · code · product · price
price-list-line = { $code } · { $product } · { $price }
price-list-more = …and { $count } more: narrow it down, e.g. /harga tsel data.
price-list-bill = { $code } · { $product } · as billed
price-list-how = Order in one line: CODE.NUMBER, e.g. { $example }. Several orders: one a line. The PIN may follow: CODE.NUMBER.PIN.
