import { parse } from "cookie";

export function load({ request }) {
  return { visits: Number(parse(request.headers.get("cookie") ?? "").visits ?? 0) };
}
