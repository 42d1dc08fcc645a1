#!/usr/bin/env python3
"""Writes the exam's shipped cases (examples/exam/cases/*): each a node_exporter-shaped host (and, where it serves,
its HTTP and blackbox metrics) recorded every 15 s for 30 minutes, one fault (or none) and sometimes a red herring,
the Alertmanager payload of the alert that fired, and the answer. Run it again after changing a case; the output is
committed so that the exam needs nothing but the files. A team's own cases need not come from here."""
import hashlib
import json
import os
import shutil
import urllib.parse

T = 1768473000             # 2026-01-15T10:30:00Z: the alert fires, and the diagnosis runs, then
STEP = 60
BASE = T - 1200            # 20 minutes recorded, one sample a minute (a steady gauge every 4 minutes)
ONSET = T - 600            # faults start 10 minutes before the alert
TIMES = list(range(BASE, T + 1, STEP))
GIB = 1024 ** 3


def iso(ts):
    import datetime
    return datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def fault(normal, bad, start=ONSET):
    """normal before start, bad from then on."""
    return lambda t: bad if t >= start else normal


def spike(normal, bad, at=BASE + 120, width=60):
    """A noisy metric that crosses its threshold once, well before the alert, and comes back."""
    return lambda t: bad if at <= t < at + width else normal


def const(v):
    return v if callable(v) else (lambda t: v)


class Host:
    def __init__(self, name, **o):
        self.name = name
        self.o = o
        self.series = []   # (metric, labels, [values])

    def gauge(self, metric, labels, fn):
        fn = const(fn)
        self.series.append((metric, labels, [fn(t) for t in TIMES]))

    def counter(self, metric, labels, rate):
        rate = const(rate)
        total, vals = 1000.0, []
        for t in TIMES:
            vals.append(round(total, 6))
            total += rate(t) * STEP
        self.series.append((metric, labels, vals))

    def build(self):
        o, inst = self.o, self.name + ":9100"
        node = {"instance": inst, "job": "node"}
        mounts = [dict(mountpoint="/", device="/dev/sda1", fstype="ext4", free=60, inodes=80, ro=0)]
        mounts += o.get("mounts", [])
        for m in mounts:
            lab = dict(node, device=m["device"], fstype=m["fstype"], mountpoint=m["mountpoint"])
            size = m.get("size", 100 * GIB)
            free = const(m.get("free", 60))
            inodes = const(m.get("inodes", 80))
            self.gauge("node_filesystem_size_bytes", lab, size)
            self.gauge("node_filesystem_avail_bytes", lab, lambda t, f=free, s=size: round(s * f(t) / 100))
            self.gauge("node_filesystem_files", lab, 6_000_000)
            self.gauge("node_filesystem_files_free", lab, lambda t, i=inodes: round(6_000_000 * i(t) / 100))
            self.gauge("node_filesystem_readonly", lab, m.get("ro", 0))
        for dev, busy in dict({"sda": 0.05}, **o.get("disks", {})).items():
            self.counter("node_disk_io_time_seconds_total", dict(node, device=dev), busy)
        self.gauge("up", node, o.get("up", 1))
        for dev in ["eth0"] + o.get("nics", []):
            errs = const(o.get("nic_errors", {}).get(dev, 0))
            self.counter("node_network_receive_errs_total", dict(node, device=dev), errs)
            self.counter("node_network_transmit_errs_total", dict(node, device=dev), 0)
            self.gauge("node_network_up", dict(node, device=dev), o.get("links", {}).get(dev, 1))
        self.gauge("node_nf_conntrack_entries_limit", node, 262144)
        conn = const(o.get("conntrack", 2))
        self.gauge("node_nf_conntrack_entries", node, lambda t: round(262144 * conn(t) / 100))
        self.gauge("node_timex_offset_seconds", node, o.get("clock", 0.0008))
        busy, steal = const(o.get("cpu_busy", 0.2)), const(o.get("cpu_steal", 0.0))
        for cpu in range(2):
            c = dict(node, cpu=str(cpu))
            self.counter("node_cpu_seconds_total", dict(c, mode="idle"), lambda t: 1 - busy(t))
            self.counter("node_cpu_seconds_total", dict(c, mode="steal"), steal)
        self.gauge("node_load5", node, o.get("load", 0.8))
        mem = const(o.get("mem_avail", 45))
        self.gauge("node_memory_MemTotal_bytes", node, 16 * GIB)
        self.gauge("node_memory_MemAvailable_bytes", node, lambda t: round(16 * GIB * mem(t) / 100))
        swap = const(o.get("swap_used", 5))
        self.gauge("node_memory_SwapTotal_bytes", node, 4 * GIB)
        self.gauge("node_memory_SwapFree_bytes", node, lambda t: round(4 * GIB * (100 - swap(t)) / 100))
        self.counter("node_vmstat_oom_kill", node, o.get("oom_rate", 0))
        self.counter("node_pressure_memory_stalled_seconds_total", node, o.get("mem_stall", 0.001))
        self.gauge("node_filefd_maximum", node, 1_000_000)
        fd = const(o.get("fd", 1))
        self.gauge("node_filefd_allocated", node, lambda t: round(1_000_000 * fd(t) / 100))
        for unit, state in dict({"nginx.service": "active"}, **o.get("units", {})).items():
            for s in ("active", "failed"):
                self.gauge("node_systemd_unit_state", dict(node, name=unit, state=s),
                           (lambda t, st=const(state), s=s: 1 if st(t) == s else 0))
        if o.get("web"):
            web = {"instance": self.name + ":8080", "job": "web"}
            self.gauge("up", web, 1)
            err = const(o.get("errors", 0.002))
            self.counter("http_requests_total", dict(web, code="200"), lambda t: 50 * (1 - err(t)))
            self.counter("http_requests_total", dict(web, code="500"), lambda t: 50 * err(t))
            slow = const(o.get("slow", False))
            for le, fast_share, slow_share in [("0.1", 0.6, 0.2), ("0.25", 0.995, 0.5), ("0.5", 0.998, 0.7),
                                               ("1", 1.0, 0.8), ("2.5", 1.0, 0.9), ("5", 1.0, 1.0), ("+Inf", 1.0, 1.0)]:
                self.counter("http_request_duration_seconds_bucket", dict(web, le=le),
                             lambda t, f=fast_share, s=slow_share: 50 * (s if slow(t) else f))
        if o.get("blackbox"):
            bb = {"instance": "https://" + self.name + "/", "job": "blackbox"}
            self.gauge("probe_success", bb, o.get("probe_success", 1))
            self.gauge("probe_ssl_earliest_cert_expiry", bb, T + o.get("cert_days", 60) * 86400)
        return self.series


def openmetrics(hosts):
    families = {}
    for h in hosts:
        for metric, labels, vals in h.build():
            families.setdefault(metric, []).append((labels, vals))
    out = []
    for metric, series in families.items():
        out.append("# TYPE %s gauge" % metric)
        for labels, vals in series:
            lab = ",".join('%s="%s"' % (k, v) for k, v in labels.items())
            steady = len(set(vals)) == 1
            for i, (t, v) in enumerate(zip(TIMES, vals)):
                if steady and i % 4 and i != len(TIMES) - 1:
                    continue  # a steady gauge needs a sample within Prometheus' 5-minute lookback, no more
                out.append("%s{%s} %s %d" % (metric, lab, repr(float(v)) if isinstance(v, float) else v, t))
    out.append("# EOF")
    return "\n".join(out) + "\n"


def alert(name, host, expr, summary, labels=None, job="node", port="9100", description=""):
    lab = {"alertname": name, "instance": host + ":" + port, "job": job, "severity": "warning"}
    lab.update(labels or {})
    ann = {"summary": summary}
    if description:
        ann["description"] = description
    return {"version": "4", "status": "firing", "receiver": "opsdeck", "groupLabels": {"alertname": name},
            "commonLabels": lab, "commonAnnotations": ann, "externalURL": "http://alertmanager.example:9093",
            "alerts": [{"status": "firing", "labels": lab, "annotations": ann, "startsAt": iso(T),
                        "endsAt": "0001-01-01T00:00:00Z",
                        "generatorURL": "http://prometheus.example:9090/graph?g0.expr="
                                        + urllib.parse.quote(expr, safe="") + "&g0.tab=1",
                        "fingerprint": hashlib.sha256((name + host).encode()).hexdigest()[:16]}]}


CASES = []


def case(name, family, category, hosts, al, obj="", required=(), forbidden=(), forbidden_categories=(), herring=""):
    CASES.append((name, dict(family=family, category=category, object=obj, required=list(required),
                             forbidden=list(forbidden), forbidden_categories=list(forbidden_categories),
                             red_herring=herring), hosts, al))


FS_FREE = 'node_filesystem_avail_bytes{fstype!~"ramfs"} / node_filesystem_size_bytes * 100 < 5'
INODES = 'node_filesystem_files_free / node_filesystem_files * 100 < 5'
RO = 'node_filesystem_readonly == 1'
DISK = 'rate(node_disk_io_time_seconds_total[5m]) > 0.9'
MEM = 'node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes * 100 < 5'
OOM = 'increase(node_vmstat_oom_kill[15m]) > 0'
PSI = 'rate(node_pressure_memory_stalled_seconds_total[5m]) > 0.1'
SWAP = '(1 - node_memory_SwapFree_bytes / node_memory_SwapTotal_bytes) * 100 > 80'
CPU = '100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m]))) > 90'
STEAL = 'avg by (instance) (rate(node_cpu_seconds_total{mode="steal"}[5m])) * 100 > 10'
LOAD = 'node_load5 / on(instance) count by (instance) (node_cpu_seconds_total{mode="idle"}) > 2'
FD = 'node_filefd_allocated / node_filefd_maximum * 100 > 90'
CT = 'node_nf_conntrack_entries / node_nf_conntrack_entries_limit * 100 > 90'
NICERR = 'rate(node_network_receive_errs_total[5m]) > 1'
LINK = 'node_network_up{device!~"lo"} == 0'
CLOCK = 'abs(node_timex_offset_seconds) > 0.05'
UNIT = 'node_systemd_unit_state{state="failed"} == 1'
UP = 'up == 0'
E5XX = ('sum by (instance) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (instance) '
        '(rate(http_requests_total[5m])) > 0.05')
E5XX_LOW = ('sum by (instance) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (instance) '
            '(rate(http_requests_total[5m])) > 0.01')
P99 = 'histogram_quantile(0.99, sum by (le, instance) (rate(http_request_duration_seconds_bucket[5m]))) > 1'
PROBE = 'probe_success == 0'
CERT = '(probe_ssl_earliest_cert_expiry - time()) / 86400 < 14'


def m(mountpoint, device, free=60, fstype="ext4", inodes=80, ro=0, size=100 * GIB):
    return dict(mountpoint=mountpoint, device=device, fstype=fstype, free=free, inodes=inodes, ro=ro, size=size)


def fs_labels(mp, dev, fstype="ext4"):
    return {"mountpoint": mp, "device": dev, "fstype": fstype}


# --- filesystem space -------------------------------------------------------------------------------------------
h = "exam-db-01"
case("fs-space-data-full", "filesystem_space", "storage",
     [Host(h, mounts=[m("/data", "/dev/sdb1", free=fault(40, 3))])],
     alert("NodeFilesystemAlmostFull", h, FS_FREE, "/data is almost full", fs_labels("/data", "/dev/sdb1")),
     obj="/data", required=["free"])
h = "exam-app-01"
case("fs-space-tmpfs-run", "filesystem_space", "storage",
     [Host(h, mounts=[m("/run", "tmpfs", free=fault(70, 0), fstype="tmpfs", size=GIB)])],
     alert("NodeFilesystemAlmostFull", h, FS_FREE, "/run is full", fs_labels("/run", "tmpfs", "tmpfs")),
     obj="/run", required=["0% free"])
h = "exam-app-02"
case("fs-space-dev-shm-with-swap", "filesystem_space", "storage",
     [Host(h, mounts=[m("/dev/shm", "tmpfs", free=fault(90, 1), fstype="tmpfs", size=8 * GIB)],
           swap_used=fault(10, 86))],
     alert("NodeFilesystemAlmostFull", h, FS_FREE, "/dev/shm is almost full", fs_labels("/dev/shm", "tmpfs", "tmpfs")),
     obj="/dev/shm", forbidden=["swap"], herring="swap is 86 % used as well, which a full /dev/shm does not need")
h = "exam-log-01"
case("fs-space-two-full-mounts", "filesystem_space", "storage",
     [Host(h, mounts=[m("/data", "/dev/sdb1", free=fault(30, 4)), m("/logs", "/dev/sdc1", free=6)])],
     alert("NodeFilesystemAlmostFull", h, FS_FREE, "/data is almost full", fs_labels("/data", "/dev/sdb1")),
     obj="/data", forbidden=["/logs"], herring="/logs is nearly full too, a separate and older matter")
h = "exam-log-02"
case("fs-space-var-with-cpu-spike", "filesystem_space", "storage",
     [Host(h, mounts=[m("/var", "/dev/sda3", free=fault(35, 2))], cpu_busy=spike(0.2, 0.99))],
     alert("NodeFilesystemAlmostFull", h, FS_FREE, "/var is almost full", fs_labels("/var", "/dev/sda3")),
     obj="/var", forbidden=["CPU"], forbidden_categories=["network"],
     herring="the CPUs were 99 % busy for a minute, 20 minutes before")
h = "exam-ci-01"
case("fs-space-builds", "filesystem_space", "storage",
     [Host(h, mounts=[m("/srv/builds", "/dev/nvme0n1p2", free=fault(20, 1))])],
     alert("NodeFilesystemAlmostFull", h, FS_FREE, "/srv/builds is almost full", fs_labels("/srv/builds", "/dev/nvme0n1p2")),
     obj="/srv/builds")

# --- inodes ---------------------------------------------------------------------------------------------------------
h = "exam-mail-01"
case("inodes-var-spool", "filesystem_inodes", "storage",
     [Host(h, mounts=[m("/var/spool", "/dev/sdb1", free=50, inodes=fault(40, 1))])],
     alert("NodeFilesystemFilesFillingUp", h, INODES, "/var/spool is out of inodes", fs_labels("/var/spool", "/dev/sdb1")),
     obj="/var/spool", required=["inodes"])
h = "exam-mail-02"
case("inodes-with-clock-skew", "filesystem_inodes", "storage",
     [Host(h, mounts=[m("/var/mail", "/dev/sdb1", free=70, inodes=fault(30, 2))], clock=0.2)],
     alert("NodeFilesystemFilesFillingUp", h, INODES, "/var/mail is out of inodes", fs_labels("/var/mail", "/dev/sdb1")),
     obj="/var/mail", required=["inodes"], forbidden=["clock"], forbidden_categories=["network"],
     herring="the clock is 0.2 s off, unrelated")
h = "exam-cache-01"
case("inodes-cache", "filesystem_inodes", "storage",
     [Host(h, mounts=[m("/cache", "/dev/sdc1", free=60, inodes=fault(25, 3))])],
     alert("NodeFilesystemFilesFillingUp", h, INODES, "/cache is out of inodes", fs_labels("/cache", "/dev/sdc1")),
     obj="/cache", required=["inodes"])

# --- read-only ------------------------------------------------------------------------------------------------------
h = "exam-nfs-01"
case("readonly-data", "filesystem_readonly", "storage",
     [Host(h, mounts=[m("/data", "/dev/sdb1", ro=fault(0, 1))])],
     alert("NodeFilesystemReadOnly", h, RO, "/data is read-only", fs_labels("/data", "/dev/sdb1")),
     obj="/data", required=["read-only"])
h = "exam-nfs-02"
case("readonly-with-low-root", "filesystem_readonly", "storage",
     [Host(h, mounts=[m("/srv", "/dev/sdb1", ro=fault(0, 1)), m("/", "/dev/sda1", free=8)])],
     alert("NodeFilesystemReadOnly", h, RO, "/srv is read-only", fs_labels("/srv", "/dev/sdb1")),
     obj="/srv", required=["read-only"], herring="/ is at 8 % free, another mount and not why /srv went read-only")
h = "exam-db-02"
case("readonly-pgdata", "filesystem_readonly", "storage",
     [Host(h, mounts=[m("/var/lib/postgresql", "/dev/sdd1", ro=fault(0, 1))])],
     alert("NodeFilesystemReadOnly", h, RO, "postgres data is read-only", fs_labels("/var/lib/postgresql", "/dev/sdd1")),
     obj="/var/lib/postgresql", required=["read-only"])

# --- disk I/O -------------------------------------------------------------------------------------------------------
h = "exam-db-03"
case("disk-io-sdb", "disk_io", "storage",
     [Host(h, disks={"sdb": fault(0.1, 0.98)})],
     alert("NodeDiskIOSaturation", h, DISK, "sdb is saturated", {"device": "sdb"}),
     obj="sdb", required=["busy"])
h = "exam-db-04"
case("disk-io-two-busy", "disk_io", "storage",
     [Host(h, disks={"sdb": fault(0.1, 0.97), "sdc": 0.95})],
     alert("NodeDiskIOSaturation", h, DISK, "sdb is saturated", {"device": "sdb"}),
     obj="sdb", forbidden=["sdc"], herring="sdc is busy as well, as it is every night")
h = "exam-web-01"
case("latency-from-disk-io", "disk_io", "storage",
     [Host(h, web=True, slow=fault(False, True), disks={"sda": fault(0.1, 0.99)})],
     alert("HighRequestLatency", h, P99, "p99 latency above 1s", job="web", port="8080"),
     obj="sda", forbidden_categories=["web"])

h = "exam-db-05"
case("disk-io-with-oom-elsewhere", "disk_io", "storage",
     [Host(h, disks={"sdb": fault(0.1, 0.96)}, oom_rate=0.005)],
     alert("NodeDiskIOSaturation", h, DISK, "sdb is saturated", {"device": "sdb"}),
     obj="sdb", forbidden=["OOM"], forbidden_categories=["web"],
     herring="the OOM killer keeps ending a runaway cron job, unrelated to the disk")

# --- memory and OOM -------------------------------------------------------------------------------------------------
h = "exam-java-01"
case("oom-from-low-memory", "memory_oom", "web",
     [Host(h, mem_avail=fault(40, 2), oom_rate=fault(0, 0.01))],
     alert("NodeOOMKillDetected", h, OOM, "the OOM killer ran"),
     obj="memory", required=["OOM"])
h = "exam-java-02"
case("memory-low", "memory_oom", "web",
     [Host(h, mem_avail=fault(40, 3))],
     alert("NodeMemoryLow", h, MEM, "memory available under 5%"),
     obj="memory")
h = "exam-java-03"
case("memory-low-with-nic-errors", "memory_oom", "web",
     [Host(h, mem_avail=fault(40, 2), nics=["eth1"], nic_errors={"eth1": 5})],
     alert("NodeMemoryLow", h, MEM, "memory available under 5%"),
     obj="memory", forbidden=["eth1"], forbidden_categories=["network"],
     herring="eth1 counts 5 receive errors a second, a known bad cable on a backup link")
h = "exam-java-04"
case("memory-pressure-stall", "memory_oom", "web",
     [Host(h, mem_stall=fault(0.001, 0.4))],
     alert("NodeMemoryPressure", h, PSI, "tasks stall on memory"),
     obj="memory", required=["stall"])

# --- swap -----------------------------------------------------------------------------------------------------------
h = "exam-batch-01"
case("swap-full", "swap", "web",
     [Host(h, swap_used=fault(10, 95))],
     alert("NodeSwapUsageHigh", h, SWAP, "swap above 80%"),
     obj="swap")
h = "exam-batch-02"
case("swap-with-readonly-scratch", "swap", "web",
     [Host(h, swap_used=fault(10, 92), mounts=[m("/scratch", "/dev/sdb1", ro=1)])],
     alert("NodeSwapUsageHigh", h, SWAP, "swap above 80%"),
     obj="swap", forbidden=["/scratch"], forbidden_categories=["storage"],
     herring="/scratch has been read-only for days, unrelated to swapping")

# --- CPU ------------------------------------------------------------------------------------------------------------
h = "exam-render-01"
case("cpu-busy", "cpu", "web",
     [Host(h, cpu_busy=fault(0.3, 0.98))],
     alert("NodeCPUHigh", h, CPU, "CPU above 90%"),
     obj="CPU", required=["busy"])
h = "exam-vm-01"
case("cpu-steal", "cpu", "web",
     [Host(h, cpu_busy=fault(0.3, 0.95), cpu_steal=fault(0, 0.35))],
     alert("NodeCPUStealHigh", h, STEAL, "the hypervisor steals CPU"),
     obj="steals", required=["hypervisor"])
h = "exam-render-02"
case("cpu-busy-with-boot-low", "cpu", "web",
     [Host(h, cpu_busy=fault(0.3, 0.97), mounts=[m("/boot", "/dev/sda2", free=8, size=GIB)])],
     alert("NodeCPUHigh", h, CPU, "CPU above 90%"),
     obj="CPU", forbidden=["/boot"], forbidden_categories=["storage"],
     herring="/boot is at 8 % free, old kernels, unrelated")

# --- load -----------------------------------------------------------------------------------------------------------
h = "exam-worker-01"
case("load-from-cpu", "load", "web",
     [Host(h, load=fault(1, 12), cpu_busy=fault(0.3, 0.99))],
     alert("NodeHighLoad", h, LOAD, "load per CPU above 2"),
     obj="CPU", required=["load"])
h = "exam-worker-02"
case("load-from-disk-wait", "load", "storage",
     [Host(h, load=fault(1, 10), disks={"sdb": fault(0.1, 0.99)})],
     alert("NodeHighLoad", h, LOAD, "load per CPU above 2"),
     obj="sdb", required=["load"])

# --- file descriptors -----------------------------------------------------------------------------------------------
h = "exam-proxy-01"
case("fd-exhausted", "file_descriptors", "web",
     [Host(h, fd=fault(5, 96))],
     alert("NodeFileDescriptorLimit", h, FD, "file descriptors above 90%"),
     obj="file descriptors")
h = "exam-proxy-02"
case("fd-with-conntrack-noise", "file_descriptors", "web",
     [Host(h, fd=fault(5, 95), conntrack=spike(2, 97))],
     alert("NodeFileDescriptorLimit", h, FD, "file descriptors above 90%"),
     obj="file descriptors", forbidden=["conntrack"], forbidden_categories=["network"],
     herring="the conntrack table filled for a minute 20 minutes before")

# --- conntrack ------------------------------------------------------------------------------------------------------
h = "exam-nat-01"
case("conntrack-full", "conntrack", "network",
     [Host(h, conntrack=fault(20, 98))],
     alert("NodeConntrackLimit", h, CT, "conntrack table above 90%"),
     obj="conntrack")
h = "exam-lb-01"
case("errors-from-conntrack", "conntrack", "network",
     [Host(h, web=True, errors=fault(0.002, 0.3), conntrack=fault(20, 99))],
     alert("HighErrorRate", h, E5XX, "5xx above 5%", job="web", port="8080"),
     obj="conntrack", required=["5xx"], forbidden_categories=["web"])

h = "exam-nat-02"
case("conntrack-full-with-steal-spike", "conntrack", "network",
     [Host(h, conntrack=fault(20, 97), cpu_steal=spike(0, 0.5), cpu_busy=spike(0.2, 0.7))],
     alert("NodeConntrackLimit", h, CT, "conntrack table above 90%"),
     obj="conntrack", forbidden=["steal"], forbidden_categories=["web"],
     herring="the hypervisor stole half the CPU for a minute, 20 minutes before")

# --- network interfaces ---------------------------------------------------------------------------------------------
h = "exam-router-01"
case("nic-errors-eth1", "nic", "network",
     [Host(h, nics=["eth1"], nic_errors={"eth1": fault(0, 40)})],
     alert("NodeNetworkReceiveErrs", h, NICERR, "eth1 receive errors", {"device": "eth1"}),
     obj="eth1", required=["errors"])
h = "exam-router-02"
case("link-down-eth1", "nic", "network",
     [Host(h, nics=["eth1"], links={"eth1": fault(1, 0)})],
     alert("NodeNetworkInterfaceDown", h, LINK, "eth1 is down", {"device": "eth1"}),
     obj="eth1", required=["down"])
h = "exam-router-03"
case("link-down-with-errors-elsewhere", "nic", "network",
     [Host(h, nics=["eth1", "eth2"], links={"eth2": fault(1, 0)}, nic_errors={"eth1": 3})],
     alert("NodeNetworkInterfaceDown", h, LINK, "eth2 is down", {"device": "eth2"}),
     obj="eth2", forbidden=["eth1"], herring="eth1 counts a few receive errors a second, as it has for weeks")

# --- clock ----------------------------------------------------------------------------------------------------------
h = "exam-kdc-01"
case("clock-skew", "clock", "network",
     [Host(h, clock=fault(0.001, 0.35))],
     alert("NodeClockSkewDetected", h, CLOCK, "clock skew above 50ms"),
     obj="clock", required=["off by"])
h = "exam-kdc-02"
case("clock-skew-with-swap", "clock", "network",
     [Host(h, clock=fault(0.001, -0.4), swap_used=88)],
     alert("NodeClockSkewDetected", h, CLOCK, "clock skew above 50ms"),
     obj="clock", forbidden=["swap"], forbidden_categories=["web"], herring="swap is 88 % used, unrelated to time")

# --- systemd --------------------------------------------------------------------------------------------------------
h = "exam-web-02"
case("unit-failed-nginx", "systemd", "web",
     [Host(h, units={"nginx.service": fault("active", "failed")})],
     alert("NodeSystemdUnitFailed", h, UNIT, "nginx.service failed", {"name": "nginx.service"}),
     obj="nginx.service", required=["failed"])
h = "exam-web-03"
case("unit-failed-with-another", "systemd", "web",
     [Host(h, units={"nginx.service": fault("active", "failed"), "backup.service": "failed"})],
     alert("NodeSystemdUnitFailed", h, UNIT, "nginx.service failed", {"name": "nginx.service"}),
     obj="nginx.service", forbidden=["backup.service"], herring="backup.service failed last night, a separate matter")
h = "exam-app-03"
case("unit-failed-by-oom", "systemd", "web",
     [Host(h, units={"app.service": fault("active", "failed")}, oom_rate=fault(0, 0.01))],
     alert("NodeSystemdUnitFailed", h, UNIT, "app.service failed", {"name": "app.service"}),
     obj="OOM", required=["app.service", "failed"])

# --- scrape targets -------------------------------------------------------------------------------------------------
h = "exam-api-01"
case("target-down-link", "target_down", "network",
     [Host(h, links={"eth0": fault(1, 0)}, up=fault(1, 0))],
     alert("TargetDown", h, UP, "node exporter is down"),
     obj="eth0", required=["down"])
h = "exam-api-02"
case("target-down-fd", "target_down", "web",
     [Host(h, up=fault(1, 0), fd=fault(5, 99))],
     alert("TargetDown", h, UP, "node exporter is down"),
     obj="file descriptors")

# --- HTTP 5xx -------------------------------------------------------------------------------------------------------
h = "exam-shop-01"
case("5xx-app-only", "http_5xx", "web",
     [Host(h, web=True, errors=fault(0.002, 0.2))],
     alert("HighErrorRate", h, E5XX, "5xx above 5%", job="web", port="8080"),
     obj="5xx")
h = "exam-shop-02"
case("5xx-from-full-disk", "http_5xx", "storage",
     [Host(h, web=True, errors=fault(0.002, 0.4), mounts=[m("/var", "/dev/sda3", free=fault(30, 0))])],
     alert("HighErrorRate", h, E5XX, "5xx above 5%", job="web", port="8080"),
     obj="/var", required=["5xx"], forbidden_categories=["web"])
h = "exam-shop-03"
case("5xx-with-clock-noise", "http_5xx", "web",
     [Host(h, web=True, errors=fault(0.002, 0.15), clock=0.09)],
     alert("HighErrorRate", h, E5XX, "5xx above 5%", job="web", port="8080"),
     obj="5xx", forbidden=["clock"], forbidden_categories=["network"], herring="the clock is 90 ms off, unrelated")
h = "exam-shop-04"
case("5xx-from-oom", "http_5xx", "web",
     [Host(h, web=True, errors=fault(0.002, 0.25), oom_rate=fault(0, 0.02))],
     alert("HighErrorRate", h, E5XX, "5xx above 5%", job="web", port="8080"),
     obj="OOM", required=["5xx"])

# Hard on purpose: a full /home "explains" 5xx answers by the toolset's reasoning, yet here it is a user's old
# download, and the 5xx come from the application. The offline rules blame the disk; a careful reader would not.
h = "exam-shop-05"
case("5xx-with-unrelated-full-home", "http_5xx", "web",
     [Host(h, web=True, errors=fault(0.002, 0.2), mounts=[m("/home", "/dev/sdb1", free=3)])],
     alert("HighErrorRate", h, E5XX, "5xx above 5%", job="web", port="8080"),
     obj="5xx", forbidden=["/home"], forbidden_categories=["storage"],
     herring="/home has been 97 % full for weeks; the application never writes there")

# --- HTTP latency ---------------------------------------------------------------------------------------------------
h = "exam-search-01"
case("latency-from-memory-stall", "http_latency", "web",
     [Host(h, web=True, slow=fault(False, True), mem_stall=fault(0.001, 0.5))],
     alert("HighRequestLatency", h, P99, "p99 latency above 1s", job="web", port="8080"),
     obj="memory")
h = "exam-search-02"
case("latency-app-only-with-steal-spike", "http_latency", "web",
     [Host(h, web=True, slow=fault(False, True), cpu_steal=spike(0, 0.4), cpu_busy=spike(0.2, 0.6))],
     alert("HighRequestLatency", h, P99, "p99 latency above 1s", job="web", port="8080"),
     obj="latency", forbidden=["steal"], herring="the hypervisor stole 40 % of the CPU for a minute, 20 minutes before")

# Hard on purpose: the nightly backup keeps sdc busy while the application is slow for its own reasons.
h = "exam-search-03"
case("latency-with-backup-disk-busy", "http_latency", "web",
     [Host(h, web=True, slow=fault(False, True), disks={"sdc": 0.95})],
     alert("HighRequestLatency", h, P99, "p99 latency above 1s", job="web", port="8080"),
     obj="latency", forbidden=["sdc"], forbidden_categories=["storage"],
     herring="the backup disk sdc is busy every night; the application does not use it")

# --- blackbox -------------------------------------------------------------------------------------------------------
h = "exam-site-01"
case("probe-failed", "blackbox", "network",
     [Host(h, blackbox=True, probe_success=fault(1, 0))],
     alert("BlackboxProbeFailed", h, PROBE, "https://exam-site-01/ probe fails", {"instance": "https://exam-site-01/"},
           job="blackbox"),
     obj="exam-site-01", required=["fails"])
h = "exam-site-02"
case("probe-failed-from-unit", "blackbox", "web",
     [Host(h, blackbox=True, probe_success=fault(1, 0), units={"nginx.service": fault("active", "failed")})],
     alert("BlackboxProbeFailed", h, PROBE, "https://exam-site-02/ probe fails", {"instance": "https://exam-site-02/"},
           job="blackbox"),
     obj="nginx.service")

# --- TLS ------------------------------------------------------------------------------------------------------------
h = "exam-site-03"
case("cert-expiring", "tls", "web",
     [Host(h, blackbox=True, cert_days=3)],
     alert("SSLCertExpiringSoon", h, CERT, "certificate expires in under 14 days", {"instance": "https://exam-site-03/"},
           job="blackbox"),
     obj="certificate", required=["expires"])
h = "exam-site-04"
case("cert-expiring-with-load", "tls", "web",
     [Host(h, blackbox=True, cert_days=5, load=5.4)],
     alert("SSLCertExpiringSoon", h, CERT, "certificate expires in under 14 days", {"instance": "https://exam-site-04/"},
           job="blackbox"),
     obj="certificate", forbidden=["load"], herring="the load is 2.7 per CPU, a nightly batch")

# --- nothing measured explains it -----------------------------------------------------------------------------------
h = "exam-edge-01"
case("none-errors-under-threshold", "no_root_cause", "none",
     [Host(h, web=True, errors=fault(0.002, 0.02))],
     alert("HighErrorRate", h, E5XX_LOW, "5xx above 1%", job="web", port="8080"),
     required=["ruled out"])
h = "exam-edge-02"
case("none-with-noisy-cpu", "no_root_cause", "none",
     [Host(h, web=True, errors=0.02, cpu_busy=spike(0.2, 0.99))],
     alert("HighErrorRate", h, E5XX_LOW, "5xx above 1%", job="web", port="8080"),
     required=["ruled out"], forbidden=["CPU"], herring="the CPUs were 99 % busy for a minute, 20 minutes before")
h = "exam-edge-03"
case("none-healthy-host", "no_root_cause", "none",
     [Host(h)],
     alert("DeploymentReplicasMismatch", h, 'kube_deployment_status_replicas_available < 3', "replicas missing"),
     required=["ruled out"])


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
    if os.path.isdir(root):
        shutil.rmtree(root)
    for name, answer, hosts, al in CASES:
        d = os.path.join(root, name)
        os.makedirs(d)
        with open(os.path.join(d, "alert.json"), "w") as f:
            json.dump(al, f, indent=1)
            f.write("\n")
        with open(os.path.join(d, "metrics.om"), "w") as f:
            f.write(openmetrics(hosts))
        with open(os.path.join(d, "answer.yml"), "w") as f:
            for k in ("family", "category", "object", "required", "forbidden", "forbidden_categories", "red_herring"):
                v = answer[k]
                if v in ("", []):
                    continue
                f.write("%s: %s\n" % (k, json.dumps(v)))
    print("%d cases, %d with a red herring" % (len(CASES), sum(1 for c in CASES if c[1]["red_herring"])))


if __name__ == "__main__":
    main()
