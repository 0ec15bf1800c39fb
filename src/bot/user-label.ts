import type { User, Users } from "../db/users.js";

/** How admins see a user in replies: @username when there is one, a WhatsApp user's phone number, else the id. */
export const userLabel = (user: Pick<User, "id" | "username" | "channel" | "phone">) =>
  user.username ? `@${user.username}` : user.channel === "whatsapp" && user.phone ? `+${user.phone}` : String(user.id);

/** The same for a user known only by id (a payment's or a request's owner). */
export function labelById(users: Users, id: number): string {
  const user = users.get(id);
  return user ? userLabel(user) : String(id);
}
