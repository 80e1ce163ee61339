"""A small Language Server Protocol client over a child process's stdin/stdout, for the
protocol tests (protocol_test.py) and the latency benchmark (bench/lsp_latency.py)."""
import json
import os
import queue
import subprocess
import threading
import time


class Client:
    def __init__(self, command, cwd=None):
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=cwd)
        self.next_id = 1
        self.messages = queue.Queue()
        self.pending = []  # messages read but not yet claimed
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.decode("ascii").rstrip("\r\n")
                if not line:
                    break
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            body = out.read(int(headers["content-length"]))
            self.messages.put((time.monotonic(), json.loads(body)))

    def send(self, message):
        body = json.dumps(message).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params, timeout=30):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == rid and "method" not in m, timeout)

    def wait(self, predicate, timeout=30):
        """The first message (read before or after) that satisfies predicate."""
        for i, (t, m) in enumerate(self.pending):
            if predicate(m):
                del self.pending[i]
                return m
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no message as expected within %s s" % timeout)
            try:
                item = self.messages.get(timeout=left)
            except queue.Empty:
                continue
            if item is None:
                raise EOFError("the server closed its output")
            t, m = item
            if predicate(m):
                self.last_time = t
                return m
            self.pending.append((t, m))

    def diagnostics(self, uri, version=None, timeout=30):
        def match(m):
            if m.get("method") != "textDocument/publishDiagnostics" or m["params"]["uri"] != uri:
                return False
            return version is None or m["params"].get("version") == version
        return self.wait(match, timeout)["params"]["diagnostics"]

    def initialize(self, root):
        r = self.request("initialize", {"processId": os.getpid(), "rootUri": "file://" + root, "capabilities": {}})
        self.notify("initialized", {})
        return r

    def close(self, timeout=10):
        try:
            self.request("shutdown", None, timeout)
            self.notify("exit", None)
        except (BrokenPipeError, EOFError, TimeoutError):
            pass
        try:
            return self.proc.wait(timeout)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
