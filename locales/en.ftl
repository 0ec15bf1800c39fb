## Main menu
start-greeting =
    Hi { $name }! 👋
    Here you can pay PLN, PDAM, BPJS, phone, internet and other bills from your deposit balance.
    What would you like to do?
menu-title = Main menu:
menu-pay = 💡 Pay a bill
menu-balance = 💰 My balance
menu-history = 🧾 History
menu-help = ❓ Help
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
    1. Type /bayar or choose "Pay a bill".
    2. Pick a product, then type the customer number.
    3. Check the bill summary, then press "Pay".
    Payments are taken from your deposit balance.

    Commands:
    /start – main menu
    /bayar – pay a bill
    /saldo – show your balance
    /riwayat – transaction history and receipts
    /favorit – saved numbers, pay again
    /bahasa – change language (Indonesia/English)
    /batal – cancel what is in progress
    /bantuan – this help
help-admin =
    Admin commands:
    /topup <user id> <amount> – add to a user's balance

## Balance
balance-text = Your balance: { $balance }
balance-topup-hint = To top up, contact the admin.

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
    (Type /batal to cancel.)
pay-ask-identity = Type the { $hint }.
pay-ask-amount = Type the top-up amount, between { $min } and { $max } (in steps of { $multiple }).
pay-number-invalid =
    "{ $input }" doesn't look right. Expected: { $hint }.
    Please type it again, or /batal to cancel.
pay-amount-invalid =
    That amount doesn't fit. Type a number between { $min } and { $max }, in steps of { $multiple }. Example: 50000
pay-checking = ⏳ Checking the bill for { $number }…
pay-rejected-customer = ❌ This bill can't be processed: { $reason }. Please check the number and try again.
pay-rejected-provider = ❌ The biller is having trouble ({ $reason }). Please try again later.
pay-rejected-operator = ❌ The service is unavailable right now. The admin has been told. Please try again later.
pay-unavailable = ⚠️ The biller didn't answer. Nothing was paid and your balance is unchanged. Please try again in a moment.
pay-type-number = Please type the number, or /batal to cancel.
pay-use-buttons = Please choose with the buttons above, or type /batal to cancel.
pay-button-pay = ✅ Pay
pay-button-cancel = ✖️ Cancel
pay-cancelled = Payment cancelled. Your balance has not changed.
pay-insufficient =
    Your balance is too low: you have { $balance }, this needs { $price }.
    Ask the admin for a top-up, then pay again.
pay-confirmed = ⏳ Processing your payment…
pay-already = This bill was already handled.

## Bill summary
bill-title = 🧾 { $product } bill
bill-customer = Name: { $name }
bill-number = Customer no.: { $number }
bill-period = Period { $period }
bill-amount = Bill: { $amount }
bill-penalty = Late fee: { $amount }
bill-other = Other charges: { $amount }
bill-meter = Meter reading: { $start } – { $end }
bill-admin = Admin fee: { $amount }
bill-total = Total to pay: { $amount }
bill-balance = Your balance: { $balance }
bill-confirm = Go ahead and pay?

## Receipt
receipt-success-title = ✅ Payment successful
receipt-failed-title = ❌ Payment failed
receipt-pending-title = ⏳ Payment is being processed
receipt-product = Product: { $product }
receipt-customer = Customer: { $name } ({ $number })
receipt-ref = Reference: { $ref }
receipt-sn = SN/Token: { $sn }
receipt-total = Total: { $amount }
receipt-time = Time: { $time }
receipt-balance = Remaining balance: { $balance }
receipt-failed-refund = { $amount } has been returned to your balance. Balance now: { $balance }
receipt-pending-note = The biller is still working on it. We are holding { $amount } until there is a result, and we will let you know.

## Top-up (admin)
topup-usage =
    Usage: /topup <user id> <amount>
    Example: /topup 123456789 50000
topup-not-admin = This command is for admins only.
topup-user-not-found = User { $user } not found. They need to message the bot first.
topup-amount-invalid = Amount "{ $input }" doesn't fit. Write rupiah as a number, e.g. 50000
topup-done = Added { $amount } to { $user }. Balance now: { $balance }
topup-received = 💰 { $amount } was added to your balance. Balance now: { $balance }

## History
history-title = 🧾 Transaction history (page { $page }/{ $pages })
history-empty = No transactions yet. Type /bayar to pay your first bill.
history-line =
    { $n }. { $state } · { $time }
       { $product } · { $number } · { $amount }
history-state-success = ✅ Successful
history-state-failed = ❌ Failed, money returned
history-state-pending = ⏳ Processing
history-state-sending = ⏳ Processing
history-state-confirmed = ⏳ Processing
history-receipt-button = Receipt { $n }

## Saved numbers
favorite-save-button = ⭐ Save this number
favorite-ask-label = Give this number a short name (up to { $max } letters), e.g. "Mum's house". Type - to use the customer's name ({ $name }).
favorite-saved = ⭐ Saved as "{ $label }". See all with /favorit.
favorite-title = ⭐ Saved numbers
favorite-empty = No saved numbers yet. After a successful payment, press "Save this number".
favorite-line = { $n }. { $label } – { $product } { $number }
favorite-pay-button = 🔁 Pay again: { $n }. { $label }
favorite-delete-button = 🗑 Delete { $n }
favorite-deleted = Number deleted.
favorite-unavailable = This product is not available right now.

## Language
language-choose = Pilih bahasa / Choose a language:
language-set = Language set to English.

## Command list (Telegram menu)
cmd-start = Main menu
cmd-bayar = Pay a bill
cmd-saldo = Show balance
cmd-riwayat = Transaction history
cmd-favorit = Saved numbers
cmd-deposit = How to top up
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
cmd-laporan = Daily report
cmd-blokir = Block a user
cmd-buka = Unblock a user

## Numbered choices (WhatsApp and terminal)
choice-hint = Reply with the number of your choice.

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
