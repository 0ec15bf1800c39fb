/**
 * Words people type for a command ("saldo", "Bayar", "help!"), in both languages. "menu" and the
 * greetings open the main menu, as /start does. Admin commands are left out on purpose: a word is
 * too easily typed by chance for anything that moves money.
 */
const WORDS: Readonly<Record<string, string>> = {
  halo: "start",
  hai: "start",
  hello: "start",
  hi: "start",
  menu: "start",
  start: "start",
  bayar: "bayar",
  pay: "pay",
  beli: "beli",
  buy: "buy",
  saldo: "saldo",
  balance: "balance",
  riwayat: "riwayat",
  history: "history",
  batal: "batal",
  cancel: "cancel",
  bantuan: "bantuan",
  help: "help",
  favorit: "favorit",
  favorites: "favorites",
  deposit: "deposit",
};

/** The command a plain text names ("Saldo" -> "/saldo"), if it is one of the words above and nothing more. */
export function commandWord(text: string | undefined): string | undefined {
  const word = text
    ?.trim()
    .toLowerCase()
    .replace(/[!.?]+$/, "");
  const command = word === undefined ? undefined : WORDS[word];
  return command === undefined ? undefined : `/${command}`;
}

/** A command typed with capitals ("/Bayar", "/SALDO 12") in lower case, as the handlers match it; undefined when it already is. */
export function lowerCommand(text: string | undefined): string | undefined {
  const command = text === undefined ? undefined : /^\/\w+/.exec(text)?.[0];
  if (command === undefined || command === command.toLowerCase()) return undefined;
  return command.toLowerCase() + text!.slice(command.length);
}
