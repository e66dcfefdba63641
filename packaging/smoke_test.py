"""make package-test: the frozen app, run from its folder, does an office's day.

Runs with the system's python3 and the standard library only; the app gets an
environment with no virtualenv, no Python on PATH and a home of its own, so anything it
still took from the build machine would show. Each step checks what the command did,
not just its exit code. Usage: python3 packaging/smoke_test.py dist/kemensos-desk
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PASSWORD = "rahasia123"
YEAR = 2026
GUI_SECONDS = 10


class Smoke:
    def __init__(self, app_dir: Path, work: Path):
        self.app_dir = app_dir.resolve()
        exe = "kemensos-desk.exe" if os.name == "nt" else "kemensos-desk"
        self.exe = self.app_dir / exe
        self.work = work
        self.data = work / "kantor"
        empty_bin = work / "bin"  # PATH holds nothing: no python, no venv
        empty_bin.mkdir()
        keep = ("SYSTEMROOT", "WINDIR", "TEMP", "TMP", "LANG", "LC_ALL", "XDG_RUNTIME_DIR")
        self.env = {k: v for k, v in os.environ.items() if k in keep}
        self.env.update({"PATH": str(empty_bin), "HOME": str(work / "home"), "USERPROFILE": str(work / "home"),
                         "LOCALAPPDATA": str(work / "home" / "AppData" / "Local"),
                         "QT_QPA_PLATFORM": "offscreen", "KEMENSOS_DESK_PASSWORD": PASSWORD,
                         "PYTHONIOENCODING": "", "PYTHONUTF8": ""})
        (work / "home").mkdir()
        self.passed: list[str] = []

    def run(self, *args, data: Path | None = None, user: bool = True, timeout=180) -> subprocess.CompletedProcess:
        cmd = [str(self.exe), "--data-dir", str(data or self.data)] + (["--user", "admin"] if user else [])
        result = subprocess.run(cmd + [str(a) for a in args], env=self.env, cwd=self.work, capture_output=True,
                                text=True, encoding="utf-8", errors="replace", timeout=timeout)
        out = result.stdout + result.stderr
        if result.returncode != 0 or "Traceback" in out:
            raise SystemExit(f"GAGAL: {' '.join(map(str, args))} -> {result.returncode}\n{out[-3000:]}")
        return result

    def check(self, name: str, ok: bool, detail: object = "") -> None:
        if not ok:
            raise SystemExit(f"GAGAL: {name}: {detail}")
        self.passed.append(name)
        print(f"ok  {name}")

    def version(self) -> None:
        manifest = json.loads((self.app_dir / "_internal" / "kemensos-desk-manifest.json").read_text(encoding="utf-8"))
        out = self.run("--version", user=False).stdout.strip()
        self.check("--version cocok dengan manifest", out == f"kemensos-desk {manifest['version']}", (out, manifest))

    def demo_and_info(self) -> dict:
        out = self.run("demo", "--year", YEAR, "--size", "small", user=False).stdout
        self.check("demo membuat kantor contoh", "Kantor contoh" in out and (self.data / "kemensos.sqlite").is_file(), out)
        info = json.loads(self.run("info", "--json").stdout)
        counts = info["counts"]
        self.check("info: kantor, skema, data", info["office_name"].startswith("Dinas Sosial")
                   and "release_0001" in info["schema_version"] and counts["spm_beneficiaries"] > 0
                   and counts["spm_deliveries"] > 0 and counts["users"] >= 1, info)
        return info

    def capaian(self) -> None:
        data = json.loads(self.run("spm", "capaian", "--year", YEAR, "--json").stdout)
        services = {s["code"]: s for s in data["services"]}
        self.check("spm capaian: lima layanan, angka masuk akal",
                   data["year"] == YEAR and len(services) == 5
                   and all(0 <= s["index"] <= 100 and s["served"] <= s["entitled"] for s in services.values())
                   and any(s["served"] > 0 for s in services.values()), data)

    def rakor_pdf(self, office: str) -> None:
        pdf = self.work / "rakor.pdf"
        self.run("rakor", "pdf", "--year", YEAR + 1, "--out", pdf)
        head = pdf.read_bytes()[:5] if pdf.exists() else b""
        self.check("rakor pdf: berkas PDF", head == b"%PDF-" and pdf.stat().st_size > 5000, head)
        pdftotext = shutil.which("pdftotext")
        if pdftotext:  # the checker's tool, from the machine's PATH, never the app's
            text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
            self.check("rakor pdf: teks berisi kantor dan tahun",
                       office.split()[-1] in text and str(YEAR + 1) in text and "CONTOH" in text, text[:400])

    def sync_and_ministry(self) -> None:
        out_dir = self.work / "kirim"
        sent = json.loads(self.run("sync", "export", "--out", out_dir, "--json").stdout)
        files = [p for p in out_dir.rglob("*") if p.is_file()]
        self.check("sync export: paket tertulis", files and sum(p.stat().st_size for p in files) > 1000, sent)
        db = self.work / "kementerian.sqlite"
        key = self.app_dir / "_internal" / "resources" / "keys" / "demo-ministry.key"
        self.run("ministry", "init", "--db", db, "--key", key, data=self.work / "kosong", user=False)
        result = json.loads(self.run("ministry", "import", "--db", db, out_dir, "--json",
                                     data=self.work / "kosong", user=False).stdout)
        text = json.dumps(result)
        self.check("ministry import: paket diterima", '"imported"' in text and "32.10" in text, text[:600])
        again = json.dumps(json.loads(self.run("ministry", "import", "--db", db, out_dir, "--json",
                                               data=self.work / "kosong", user=False).stdout))
        self.check("ministry import kedua: tidak ada yang berubah", '"imported"' not in again, again[:600])

    def gui(self) -> None:
        env = dict(self.env, KEMENSOS_DESK_USER="admin")
        shown = subprocess.run([str(self.exe), "--data-dir", str(self.data)], capture_output=True, text=True,
                               env=dict(env, KEMENSOS_DESK_BENCH_QUIT_AFTER_SHOWN="1"), timeout=120, cwd=self.work)
        self.check("GUI: jendela utama tampil (masuk otomatis)",
                   shown.returncode == 0 and "KEMENSOS_DESK_SHOWN" in shown.stdout, shown.stdout + shown.stderr)
        proc = subprocess.Popen([str(self.exe), "--data-dir", str(self.data)], env=env, cwd=self.work,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(GUI_SECONDS)
        alive = proc.poll() is None
        proc.terminate()
        try:
            out, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
        log = self.data / "logs" / "kemensos-desk.log"
        errors = [l for l in log.read_text(encoding="utf-8", errors="replace").splitlines()
                  if " ERROR " in l or "Traceback" in l] if log.exists() else []
        self.check(f"GUI: {GUI_SECONDS} detik berjalan tanpa galat",
                   alive and "Traceback" not in out + err and not errors, (alive, err[-2000:], errors[:5]))


def main() -> int:
    app_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "dist/kemensos-desk")
    if not app_dir.is_dir():
        print(f"Folder aplikasi {app_dir} tidak ada: jalankan make package dulu.", file=sys.stderr)
        return 2
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kemensos-smoke-") as tmp:
        smoke = Smoke(app_dir, Path(tmp))
        smoke.version()
        info = smoke.demo_and_info()
        smoke.capaian()
        smoke.rakor_pdf(info["office_name"])
        smoke.sync_and_ministry()
        smoke.gui()
    print(f"{len(smoke.passed)} passed, 0 failed  (uji asap aplikasi beku, {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
