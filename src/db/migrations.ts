/**
 * Schema, one entry per version. `PRAGMA user_version` records how far a database file has come;
 * never edit an applied entry, add a new one.
 */
export const MIGRATIONS: string[] = [
  `
  CREATE TABLE users (
    -- The channel's numeric user id: the Telegram id, or a synthetic id for terminal/WhatsApp users.
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL DEFAULT 'telegram',
    username TEXT,
    first_name TEXT NOT NULL DEFAULT '',
    phone TEXT,
    language TEXT,
    balance INTEGER NOT NULL DEFAULT 0 CHECK (balance >= 0),
    blocked INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX users_username ON users(lower(username)) WHERE username IS NOT NULL;

  CREATE TABLE transactions (
    -- Also the reference sent to the provider (Digiflazz ref_id, IAK ref_id, Tokopedia order id).
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    chat_id INTEGER NOT NULL,
    product_id TEXT NOT NULL,
    provider TEXT NOT NULL,
    customer_no TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN
      ('quoted','cancelled','confirmed','sending','pending','success','failed')),
    -- What the user pays (provider cost + the operator's markup) and what the provider takes.
    price INTEGER NOT NULL CHECK (price > 0),
    cost INTEGER NOT NULL,
    bill TEXT NOT NULL,
    sn TEXT,
    result_details TEXT,
    failure_code TEXT,
    failure_message TEXT,
    raw_inquiry TEXT,
    raw_result TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    confirmed_at INTEGER,
    sent_at INTEGER,
    settled_at INTEGER,
    next_check_at INTEGER,
    checks INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX transactions_user ON transactions(user_id, created_at DESC);
  CREATE INDEX transactions_open ON transactions(state) WHERE state IN ('confirmed','sending','pending');

  CREATE TABLE ledger (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id),
    amount INTEGER NOT NULL CHECK (amount <> 0),
    kind TEXT NOT NULL CHECK (kind IN ('topup','charge','refund','deduct','correction')),
    tx_id TEXT REFERENCES transactions(id),
    balance_after INTEGER NOT NULL CHECK (balance_after >= 0),
    actor_id INTEGER,
    note TEXT,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX ledger_user ON ledger(user_id, id);
  -- A transaction is charged at most once and refunded at most once, whatever the code does.
  CREATE UNIQUE INDEX ledger_once_per_tx ON ledger(tx_id, kind) WHERE tx_id IS NOT NULL;

  CREATE TABLE conversations (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  `,
  `
  -- Every admin action (and every refused attempt), with who, what and when.
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    actor_id INTEGER NOT NULL,
    action TEXT NOT NULL,
    allowed INTEGER NOT NULL,
    target_user_id INTEGER,
    tx_id TEXT,
    detail TEXT,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX audit_log_time ON audit_log(created_at);

  -- A payment pending too long is flagged to the admins once; a manual resolution is recorded.
  ALTER TABLE transactions ADD COLUMN flagged_at INTEGER;
  ALTER TABLE transactions ADD COLUMN resolved_by INTEGER;
  ALTER TABLE transactions ADD COLUMN resolution_note TEXT;

  -- Provider callbacks as received, whether or not their signature held.
  CREATE TABLE provider_callbacks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    provider TEXT NOT NULL,
    tx_id TEXT,
    signature_ok INTEGER NOT NULL,
    body TEXT NOT NULL,
    received_at INTEGER NOT NULL
  );

  -- A user's request for a top-up, answered by an admin with one tap.
  CREATE TABLE deposit_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id),
    amount INTEGER,
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','done','dismissed')),
    handled_by INTEGER,
    created_at INTEGER NOT NULL,
    handled_at INTEGER
  );

  -- Saved customer numbers ("Bayar lagi").
  CREATE TABLE favorites (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id),
    product_id TEXT NOT NULL,
    customer_no TEXT NOT NULL,
    -- Extra inputs (SAMSAT identity number, e-money amount...) as JSON.
    extra TEXT,
    label TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (user_id, product_id, customer_no)
  );
  `,
  `
  -- What the user typed (customer number and extra inputs) as JSON, to pay the same bill again.
  ALTER TABLE transactions ADD COLUMN input TEXT;
  `,
  `
  -- The command message behind an admin's balance change ("<chat id>:<message id>"): a redelivered
  -- or replayed /topup or /potong finds its row and moves nothing again.
  ALTER TABLE ledger ADD COLUMN request_key TEXT;
  CREATE UNIQUE INDEX ledger_request_key ON ledger(request_key) WHERE request_key IS NOT NULL;
  `,
  `
  -- Each chat's active keyboard in the text channels (terminal, WhatsApp): a number typed after a
  -- restart still presses the button it meant.
  CREATE TABLE chat_keyboards (
    chat_id INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL,
    text TEXT NOT NULL,
    buttons TEXT NOT NULL
  );
  `,
  `
  -- Each provider's last good price list: the menu hides what it lists as inactive and /harga
  -- compares prices with it; kept so a restart has it before the first fetch.
  CREATE TABLE price_list_items (
    provider TEXT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    -- The provider's price, or for postpaid its admin fee, and the commission it gives back.
    price INTEGER,
    commission INTEGER,
    active INTEGER NOT NULL,
    PRIMARY KEY (provider, code)
  );
  -- When each provider's list was last fetched, and a failing refresh since (the admins are told once).
  CREATE TABLE price_list_fetches (
    provider TEXT PRIMARY KEY,
    fetched_at INTEGER,
    failing_since INTEGER,
    failure TEXT
  );
  `,
  `
  -- A /topup or /potong that repeats one the same admin made minutes ago (same user, same amount)
  -- moves nothing until the admin confirms it; the question survives a restart.
  CREATE TABLE balance_repeats (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    admin_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL CHECK (kind IN ('topup','deduct')),
    amount INTEGER NOT NULL CHECK (amount > 0),
    note TEXT,
    -- The command message, as on the ledger: a redelivered command asks the same question again.
    request_key TEXT UNIQUE,
    state TEXT NOT NULL DEFAULT 'asked' CHECK (state IN ('asked','confirmed','cancelled')),
    created_at INTEGER NOT NULL,
    handled_at INTEGER
  );
  `,
  `
  -- Deposit requests cannot be spammed: one open request per user (a new one updates it), every
  -- sending counted for the hourly cap, and each admin's message about a request kept so that an
  -- update edits it instead of piling up another.
  ALTER TABLE deposit_requests ADD COLUMN updated_at INTEGER;
  CREATE INDEX deposit_requests_open ON deposit_requests(user_id) WHERE state = 'open';
  CREATE TABLE deposit_submissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id),
    request_id INTEGER NOT NULL REFERENCES deposit_requests(id),
    amount INTEGER,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX deposit_submissions_user ON deposit_submissions(user_id, created_at);
  CREATE TABLE deposit_request_messages (
    request_id INTEGER NOT NULL REFERENCES deposit_requests(id),
    admin_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    PRIMARY KEY (request_id, admin_id)
  );
  `,
  `
  -- WhatsApp: every WhatsApp id a user wrote from (<phone>@c.us and <digits>@lid reach the same
  -- user), the message ids already handled (WhatsApp delivers a backlog again after a reconnect),
  -- and the outbox every message to a WhatsApp chat waits in until the client is connected.
  CREATE TABLE whatsapp_ids (
    wa_id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    -- The id the user last wrote from: where replies go.
    last_seen_at INTEGER NOT NULL
  );
  CREATE INDEX whatsapp_ids_user ON whatsapp_ids(user_id, last_seen_at DESC);
  CREATE TABLE whatsapp_seen (
    message_id TEXT PRIMARY KEY,
    seen_at INTEGER NOT NULL
  );
  CREATE TABLE whatsapp_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id),
    text TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  `,
  `
  -- The question a chat's flow (conversation name) is waiting to have answered in typed text:
  -- after a restart it is asked again instead of a bare "go on where you were".
  CREATE TABLE chat_questions (
    chat_id INTEGER PRIMARY KEY,
    flow TEXT NOT NULL,
    text TEXT NOT NULL,
    asked_at INTEGER NOT NULL
  );
  `,
  `
  -- Prepaid products from each provider's prepaid price list (the menu of pulsa, tokens, top-ups...);
  -- its fetches are kept in price_list_fetches under "<provider>:prepaid".
  CREATE TABLE IF NOT EXISTS prepaid_products (
    provider TEXT NOT NULL,
    code TEXT NOT NULL,
    -- The PrepaidProduct as the adapter read it, JSON.
    product TEXT NOT NULL,
    PRIMARY KEY (provider, code)
  );
  -- Products an admin took off the menu (/sembunyikan) until shown again (/tampilkan).
  CREATE TABLE IF NOT EXISTS prepaid_hidden (
    provider TEXT NOT NULL,
    code TEXT NOT NULL,
    hidden_by INTEGER NOT NULL,
    hidden_at INTEGER NOT NULL,
    PRIMARY KEY (provider, code)
  );
  -- A PLN token a prepaid purchase delivered, JSON: shown first on the receipt.
  ALTER TABLE transactions ADD COLUMN token TEXT;
  `,
  `
  -- Telegram webhook: update ids already taken, so an update Telegram posts again (its answer was
  -- lost, or came after Telegram's timeout) is handled once.
  CREATE TABLE telegram_updates_seen (
    update_id INTEGER PRIMARY KEY,
    seen_at INTEGER NOT NULL
  );
  `,
  `
  -- The sweep of flows left waiting (FLOW_EXPIRY_HOURS) finds old chats' state and old quotes by age.
  CREATE INDEX conversations_updated ON conversations(updated_at);
  CREATE INDEX transactions_quoted ON transactions(created_at) WHERE state = 'quoted';
  `,
  `
  -- Every bill summary asks whether the same bill was paid lately: without this, a scan of every
  -- transaction on each inquiry, slower as the books grow.
  CREATE INDEX transactions_paid_bill ON transactions(product_id, customer_no, settled_at) WHERE state = 'success';
  `,
  `
  -- What a prepaid purchase handed the customer besides a PLN token, JSON [{kind, value}]: a
  -- voucher code, a PIN, a serial number, each on its own receipt line.
  ALTER TABLE transactions ADD COLUMN codes TEXT;
  -- Purchases settled before kept one sn (shown as a voucher's code, else as a serial number) and
  -- IAK's PIN among the result details: their receipts read the same from here on.
  UPDATE transactions
    SET codes = json_array(json_object(
      'kind', CASE json_extract(bill, '$.prepaid.category') WHEN 'voucher' THEN 'voucher' ELSE 'serial' END,
      'value', trim(sn)))
    WHERE state = 'success' AND token IS NULL AND json_extract(bill, '$.prepaid') IS NOT NULL AND trim(COALESCE(sn, '')) <> '';
  UPDATE transactions
    SET codes = json_insert(COALESCE(codes, '[]'), '$[#]', json_object('kind', 'pin', 'value',
      (SELECT trim(json_extract(d.value, '$.value')) FROM json_each(result_details) d WHERE json_extract(d.value, '$.key') = 'pin')))
    WHERE state = 'success' AND json_extract(bill, '$.prepaid') IS NOT NULL AND result_details IS NOT NULL
      AND EXISTS (SELECT 1 FROM json_each(result_details) d WHERE json_extract(d.value, '$.key') = 'pin' AND trim(json_extract(d.value, '$.value')) <> '');
  `,
  `
  -- What a pending payment still waits for after the provider reported it done ('token': a PLN
  -- token purchase answered without a readable token); NULL otherwise.
  ALTER TABLE transactions ADD COLUMN awaiting TEXT;
  `,
  `
  -- Deposits through a payment gateway (QRIS, virtual accounts). The id is the order id the
  -- gateway knows; a deposit is credited by its one move from 'open' to 'paid', written with its
  -- ledger row in one transaction. gateway_ref stays NULL until the gateway answered the charge.
  CREATE TABLE deposits (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    gateway TEXT NOT NULL,
    method TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'paid', 'expired', 'failed')),
    -- What the balance gains, the gateway's fee, who bears it, and what the customer pays.
    amount INTEGER NOT NULL CHECK (amount > 0),
    fee INTEGER NOT NULL CHECK (fee >= 0),
    fee_payer TEXT NOT NULL CHECK (fee_payer IN ('customer', 'operator')),
    pay_amount INTEGER NOT NULL CHECK (pay_amount > 0),
    gateway_ref TEXT,
    -- The QR string, or the virtual account's number, and its bank.
    pay_code TEXT,
    bank TEXT,
    expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    next_check_at INTEGER NOT NULL,
    settled_at INTEGER,
    -- The admin who settled it by hand; NULL when the gateway did.
    settled_by INTEGER,
    reason TEXT,
    -- The customer was told how it ended (told again after a restart until this is set).
    told INTEGER NOT NULL DEFAULT 0
  );
  CREATE UNIQUE INDEX deposits_gateway_ref ON deposits(gateway, gateway_ref) WHERE gateway_ref IS NOT NULL;
  CREATE INDEX deposits_open ON deposits(next_check_at) WHERE state = 'open';
  CREATE INDEX deposits_user ON deposits(user_id, state);
  `,
  `
  -- A picture sent with the message's text as its caption (a deposit's QRIS): JSON
  -- {mimetype, data (base64), filename}; NULL for a text.
  ALTER TABLE whatsapp_outbox ADD COLUMN media TEXT;
  `,
  `
  -- Transaction PINs: scrypt hash with a salt of the user's own (hex), the wrong tries in a row,
  -- and until when the user's purchases are paused after too many (ms; NULL: not paused).
  CREATE TABLE user_pins (
    user_id INTEGER PRIMARY KEY REFERENCES users(id),
    salt TEXT,
    hash TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    paused_until INTEGER
  );
  `,
  `
  -- The user's price level (prepaid markup of data/products.json prepaid.levels); NULL: the
  -- default level (PRICE_LEVEL_DEFAULT), so a user nobody placed follows that setting.
  ALTER TABLE users ADD COLUMN price_level TEXT;
  `,
  `
  -- Statements, reports and exports read the books by time.
  CREATE INDEX ledger_time ON ledger(created_at);
  CREATE INDEX transactions_confirmed ON transactions(confirmed_at) WHERE confirmed_at IS NOT NULL;
  `,
  `
  -- Money alerts to the admins (provider deposit low, customers' balances above it): one row per
  -- condition and WIB day, so each is told once a day however often it is checked.
  CREATE TABLE money_alerts (
    condition TEXT NOT NULL,
    period TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (condition, period)
  );
  `,
  `
  -- Each user's struk picture settings: pictures 0 turns them off for the user; counter_fee is the
  -- user's own counter fee (biaya loket) in rupiah, NULL: the operator's STRUK_COUNTER_FEE.
  CREATE TABLE struk_settings (
    user_id INTEGER PRIMARY KEY REFERENCES users(id),
    pictures INTEGER NOT NULL DEFAULT 1,
    counter_fee INTEGER CHECK (counter_fee >= 0)
  );
  `,
  `
  -- Bill reminders: a saved postpaid bill (favourite) whose biller is asked each month. One row
  -- while the reminder is on; deleting the saved bill deletes it. cycle is the WIB month
  -- ('YYYY-MM') that status is about; day the user's day of the month (NULL: the product's
  -- default in data/products.json). next_run_at is when the biller is asked next (a run claims
  -- it first, so a restart neither asks twice at once nor sends twice); inquired_at the last
  -- time it was asked (the hourly cap counts those); price and bill_amount the bill found.
  CREATE TABLE reminders (
    favorite_id INTEGER PRIMARY KEY REFERENCES favorites(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id),
    day INTEGER CHECK (day BETWEEN 1 AND 31),
    cycle TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('waiting', 'not-published', 'due', 'paid', 'gave-up')),
    tries INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,
    next_run_at INTEGER NOT NULL,
    inquired_at INTEGER,
    price INTEGER,
    bill_amount INTEGER,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX reminders_next_run ON reminders(next_run_at);
  CREATE INDEX reminders_inquired ON reminders(inquired_at);
  CREATE INDEX reminders_user ON reminders(user_id);
  `,
  `
  -- One account across channels: a WhatsApp user linked to a Telegram user (by a one-time code or
  -- an admin) has merged_into set to the Telegram user's id, and their WhatsApp ids map to that
  -- user, so the bot sees one user on both channels. last_channel and last_seen_at say where and
  -- when the user last wrote (notices go there first; broadcasts pick recent users by it).
  ALTER TABLE users ADD COLUMN merged_into INTEGER REFERENCES users(id);
  ALTER TABLE users ADD COLUMN last_channel TEXT;
  ALTER TABLE users ADD COLUMN last_seen_at INTEGER;
  CREATE INDEX users_merged ON users(merged_into) WHERE merged_into IS NOT NULL;
  -- The codes /tautkan shows: one open code per user, unique among open codes, used once.
  CREATE TABLE link_codes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id),
    code TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'used', 'replaced')),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_by INTEGER,
    used_at INTEGER
  );
  CREATE UNIQUE INDEX link_codes_open ON link_codes(code) WHERE state = 'open';
  `,
  `
  -- Broadcasts: the admin's message, its audience (JSON), and one row per recipient whose state
  -- moves waiting -> sending -> sent | blocked | opted-out | failed; a row left 'sending' by a crash
  -- is never sent again (unknown). opted_out: the user's /stopinfo; unreachable_at: Telegram
  -- answered 403 (the user blocked the bot), cleared when they write again.
  ALTER TABLE users ADD COLUMN opted_out INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE users ADD COLUMN unreachable_at INTEGER;
  CREATE TABLE broadcasts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    admin_id INTEGER NOT NULL,
    audience TEXT NOT NULL,
    text TEXT NOT NULL,
    -- A picture, its text the caption: JSON {fileId (Telegram's), data (base64, for WhatsApp)}; NULL for a text.
    photo TEXT,
    state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'sending', 'done', 'cancelled')),
    status_message_id INTEGER,
    created_at INTEGER NOT NULL,
    started_at INTEGER,
    finished_at INTEGER
  );
  CREATE TABLE broadcast_recipients (
    broadcast_id INTEGER NOT NULL REFERENCES broadcasts(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    state TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'sending', 'sent', 'blocked', 'opted-out', 'failed', 'unknown')),
    channel TEXT,
    done_at INTEGER,
    PRIMARY KEY (broadcast_id, user_id)
  );
  CREATE INDEX broadcast_recipients_state ON broadcast_recipients(broadcast_id, state);
  -- A broadcast's message in the WhatsApp outbox: sent after the replies waiting there.
  ALTER TABLE whatsapp_outbox ADD COLUMN bulk INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX whatsapp_outbox_bulk ON whatsapp_outbox(bulk, id);
  `,
  `
  -- A flow waiting for the transaction PIN, so the PIN is read before the flows and never lands
  -- in their stored state: the flow's name, and once typed the outcome of the check (JSON
  -- {kind, left?, until?, justNow?}, never the PIN) for the update that carried it.
  CREATE TABLE pin_waits (
    chat_id INTEGER PRIMARY KEY,
    flow TEXT NOT NULL,
    asked_at INTEGER NOT NULL,
    update_id INTEGER,
    outcome TEXT
  );
  `,
  `
  -- Markup rules admins set from the chat (/markup), layered over data/products.json's: per
  -- level, on a prepaid product code, a brand or a category, or on bills; flat or percent (NULL: the other one).
  CREATE TABLE markup_rules (
    level TEXT NOT NULL,
    -- 'bill': a bill's markup (over its admin fee), on a catalog product id or category id.
    target_kind TEXT NOT NULL CHECK (target_kind IN ('code', 'brand', 'category', 'bill')),
    target TEXT NOT NULL,
    flat INTEGER CHECK (flat >= 0),
    percent REAL CHECK (percent >= 0),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (level, target_kind, target)
  );
  -- Every change of those rules, with the rule before and after (JSON {flat?, percent?}; NULL:
  -- none), so /markup undo can put back what was there.
  CREATE TABLE markup_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    level TEXT NOT NULL,
    target_kind TEXT NOT NULL,
    target TEXT NOT NULL,
    before TEXT,
    after TEXT,
    actor_id INTEGER NOT NULL,
    at INTEGER NOT NULL,
    undone_at INTEGER
  );
  `,
  `
  -- Orders typed several to a message: each payment's line in its batch (1-based) and the batch's
  -- size, so its receipt is one short line ("✅ 2/5 ...") rather than a whole receipt.
  CREATE TABLE order_lines (
    tx_id TEXT PRIMARY KEY REFERENCES transactions(id),
    line INTEGER NOT NULL,
    of INTEGER NOT NULL
  );
  `,
  `
  -- Several providers (issue 25). Every call that may pay a transaction is an attempt: the provider,
  -- the reference it was sent under (the first is the transaction's id, a failover's a new one),
  -- its code and cost, and what the provider answered. A callback names the attempt's reference.
  CREATE TABLE payment_attempts (
    id INTEGER PRIMARY KEY,
    tx_id TEXT NOT NULL REFERENCES transactions(id),
    provider TEXT NOT NULL,
    ref TEXT NOT NULL UNIQUE,
    product_code TEXT NOT NULL,
    cost INTEGER NOT NULL,
    sent_at INTEGER NOT NULL,
    -- NULL until answered; then success, failed, refused (failed, nothing created: failed over), pending or unknown.
    answer TEXT,
    code TEXT,
    message TEXT,
    answered_at INTEGER,
    -- When this attempt's final answer came (success or failure), by the pay answer or a later check.
    final_at INTEGER
  );
  CREATE INDEX payment_attempts_tx ON payment_attempts(tx_id, id);
  CREATE INDEX payment_attempts_health ON payment_attempts(provider, product_code, sent_at);
  -- The operators' routing overrides: a product pinned to a provider, or a provider excluded for it.
  CREATE TABLE route_overrides (
    product_id TEXT NOT NULL,
    provider TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('pin', 'exclude')),
    set_by INTEGER NOT NULL,
    set_at INTEGER NOT NULL,
    PRIMARY KEY (product_id, provider)
  );
  -- A provider taken out of routing after failures in a row: until when, and since when its
  -- failures count again (after it came back).
  CREATE TABLE provider_health (
    provider TEXT PRIMARY KEY,
    suspended_until INTEGER,
    reason TEXT,
    counts_since INTEGER NOT NULL DEFAULT 0
  );
  `,
];
