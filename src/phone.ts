/**
 * An Indonesian phone number as people write it ("0812-3456-7890", "62812…", "+62 812…") in its
 * international digits ("628123457890"); undefined for anything else. Config, users and the
 * channels all read phone numbers, so it sits below every layer.
 */
export function normalizePhone(text: string): string | undefined {
  const m = /^(?:\+62|62|0)([1-9]\d{7,12})$/.exec(text.replace(/[\s.()-]/g, ""));
  return m ? `62${m[1]}` : undefined;
}
