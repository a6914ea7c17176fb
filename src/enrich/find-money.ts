// Money amounts with an ISO 4217 currency: "$10,000", "US$1.5 billion", "€20m", "300 million euros".

import type { MoneyMention } from "../types.ts";

const SYMBOLS: Readonly<Record<string, string>> = {
  $: "USD", US$: "USD", "U.S.$": "USD", A$: "AUD", AU$: "AUD", C$: "CAD", CA$: "CAD", HK$: "HKD", NZ$: "NZD",
  S$: "SGD", R$: "BRL", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY", "₪": "ILS",
};
const WORDS: Readonly<Record<string, string>> = {
  dollar: "USD", dollars: "USD", euro: "EUR", euros: "EUR", pound: "GBP", pounds: "GBP", sterling: "GBP",
  yen: "JPY", yuan: "CNY", renminbi: "CNY", rupee: "INR", rupees: "INR", rouble: "RUB", roubles: "RUB",
  ruble: "RUB", rubles: "RUB", peso: "MXN", pesos: "MXN", franc: "CHF", francs: "CHF", won: "KRW",
  baht: "THB", ringgit: "MYR", rand: "ZAR", real: "BRL", reais: "BRL", lira: "TRY", shekels: "ILS",
  krona: "SEK", kronor: "SEK", krone: "NOK", kroner: "NOK", rupiah: "IDR", dinar: "KWD", dirham: "AED", dirhams: "AED",
  usd: "USD", eur: "EUR", gbp: "GBP", jpy: "JPY", cny: "CNY", chf: "CHF", cad: "CAD", aud: "AUD", inr: "INR",
};
// A dollar sign that names its country ("Australian dollars") overrides the default USD.
const DOLLAR_COUNTRIES: Readonly<Record<string, string>> = {
  australian: "AUD", canadian: "CAD", "hong kong": "HKD", "new zealand": "NZD", singapore: "SGD", "us": "USD",
  "u.s.": "USD", american: "USD", taiwan: "TWD", taiwanese: "TWD",
};
const SCALE: Readonly<Record<string, number>> = {
  thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, mn: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12,
};

const NUMBER = "(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)";
const SCALE_RE = "(?:\\s?(thousand|million|billion|trillion|bn|mn|tn|m|k|b)\\b)?";
const MONEY_RE = new RegExp(
  `(U\\.S\\.\\$|US\\$|AU\\$|CA\\$|HK\\$|NZ\\$|[ACSR]\\$|\\$|€|£|¥|₹|₩|₽|₺|₪)\\s?${NUMBER}${SCALE_RE}` +
    `|${NUMBER}${SCALE_RE}\\s+((?:(?:Australian|Canadian|Hong Kong|New Zealand|Singapore|US|U\\.S\\.|American|Taiwan(?:ese)?)\\s+)?` +
    `(?:dollars?|euros?|pounds?(?: sterling)?|sterling|yen|yuan|renminbi|rupees?|roubles?|rubles?|pesos?|francs?|won|baht|ringgit|rand|reais|real|lira|shekels|kronor|krona|kroner|krone|rupiah|dinars?|dirhams?|USD|EUR|GBP|JPY|CNY|CHF|CAD|AUD|INR))\\b`,
  "g",
);

export function findMoney(text: string, paragraph: string): MoneyMention[] {
  const out: MoneyMention[] = [];
  MONEY_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MONEY_RE.exec(text)) !== null) {
    if (m[1] && m[2]) {
      const currency = SYMBOLS[m[1]] ?? "USD";
      out.push({ text: m[0].trim(), amount: amount(m[2], m[3]), currency, paragraph });
    } else if (m[4] && m[6]) {
      const words = m[6].toLowerCase();
      const unit = words.split(/\s+/).pop() ?? "";
      let currency = WORDS[unit] ?? WORDS[words] ?? "USD";
      if (unit.startsWith("dollar")) {
        const country = words.slice(0, words.length - unit.length).trim();
        currency = DOLLAR_COUNTRIES[country] ?? "USD";
      }
      if (words === "pound sterling" || words === "pounds sterling") currency = "GBP";
      out.push({ text: m[0].trim(), amount: amount(m[4], m[5]), currency, paragraph });
    }
  }
  return out;
}

function amount(number: string, scale: string | undefined): number {
  const value = Number(number.replace(/,/g, ""));
  const factor = scale ? (SCALE[scale.toLowerCase()] ?? 1) : 1;
  // Round away float noise (1.1 × 1e9) without losing cents.
  return Math.round(value * factor * 100) / 100;
}
