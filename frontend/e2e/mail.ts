import { execFileSync } from "node:child_process";
import { PYTHON } from "./stack";

/** One e-mail the stack's SMTP server received: its subject and its plain-text part. */
export interface ReceivedMail {
  subject: string;
  text: string;
}

// Python's own e-mail parser reads the Maildir, so encodings and folded headers are undone
// exactly as a mail client would.
const READ_MAILDIR = `
import json, mailbox, sys
from email import message_from_bytes, policy
box = mailbox.Maildir(sys.argv[1], factory=None, create=False)
found = []
for key in sorted(box.keys()):
    parsed = message_from_bytes(box.get_bytes(key), policy=policy.default)
    body = parsed.get_body(("plain",))
    found.append({"subject": str(parsed["Subject"]), "text": body.get_content() if body else ""})
print(json.dumps(found))
`;

export function receivedMail(): ReceivedMail[] {
  const maildir = process.env.E2E_MAILDIR ?? "";
  const output = execFileSync(PYTHON, ["-c", READ_MAILDIR, maildir], { encoding: "utf8" });
  return JSON.parse(output) as ReceivedMail[];
}
