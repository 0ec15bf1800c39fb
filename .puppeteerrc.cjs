// whatsapp-web.js pulls in puppeteer; its install must never download a browser
// (no internet here). WhatsApp runs on Debian's chromium instead (see README).
module.exports = { skipDownload: true };
