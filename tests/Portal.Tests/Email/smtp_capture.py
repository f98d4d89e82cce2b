"""A loopback SMTP server for the SMTP transport tests, on Debian's python3-aiosmtpd.

Usage: python3 smtp_capture.py DIRECTORY

Listens on 127.0.0.1 on a port the OS picks and prints "LISTENING <port>" once it accepts connections, so the
test neither guesses a free port nor polls. Each message it accepts is parsed with Python's email package and
written to DIRECTORY/NNNN.json (envelope, decoded headers, decoded text of every part) before the server answers
250, so the message is on disk when the client's send returns. Recipients starting with "refused@" get a 550.
"""

import asyncio
import email
import email.policy
import json
import os
import sys

from aiosmtpd.smtp import SMTP


class Capture:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("refused@"):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "content_type": message.get_content_type(),
            "headers": [[name, str(value)] for name, value in message.items()],
            "parts": [
                {"content_type": part.get_content_type(), "content": part.get_content()}
                for part in message.walk()
                if not part.is_multipart()
            ],
        }
        self.count += 1
        path = os.path.join(self.directory, f"{self.count:04d}.json")
        with open(path + ".tmp", "w", encoding="utf-8") as file:
            json.dump(record, file, ensure_ascii=False)
        os.replace(path + ".tmp", path)
        return "250 OK"


async def main(directory):
    loop = asyncio.get_running_loop()
    capture = Capture(directory)
    server = await loop.create_server(lambda: SMTP(capture, hostname="localhost"), "127.0.0.1", 0)
    print(f"LISTENING {server.sockets[0].getsockname()[1]}", flush=True)
    await server.serve_forever()


asyncio.run(main(sys.argv[1]))
