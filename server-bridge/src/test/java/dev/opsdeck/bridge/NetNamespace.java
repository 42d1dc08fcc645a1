package dev.opsdeck.bridge;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A network namespace of the test's own, joined to this host by two veth pairs: one that carries the database's
 * traffic (the link a test cuts) and one the test's clients reach the server in it through (it stays up). Needs root
 * and {@code ip} (iproute2); without them the test is skipped saying so, unless {@code OPSDECK_REQUIRE_NETNS} is set
 * (CI sets it, and runs as root). Every name and address is this test's own: 10.231.N.0/30 links.
 */
final class NetNamespace implements AutoCloseable {

    final String name;
    private final String dbOutside;
    private final String clientsOutside;
    /** This host's end of the database link: where the database listens for the server in the namespace. */
    final String databaseAddress;
    /** The namespace's end of the clients' link: where the server in it listens. */
    final String serverAddress;
    /** The namespace's addresses, as the database's access rules take them. */
    final String cidr;

    private NetNamespace(int n) {
        this.name = "opsdeck-t" + n;
        this.dbOutside = "odb" + n;
        this.clientsOutside = "odc" + n;
        this.databaseAddress = "10.231." + (2 * n % 250) + ".1";
        this.serverAddress = "10.231." + (2 * n % 250 + 1) + ".2";
        this.cidr = "10.231." + (2 * n % 250) + ".0/30";
    }

    static NetNamespace create() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean ip = new java.io.File("/usr/sbin/ip").canExecute() || new java.io.File("/sbin/ip").canExecute()
                || new java.io.File("/usr/bin/ip").canExecute();
        if (!(root && ip) && System.getenv("OPSDECK_REQUIRE_NETNS") != null) {
            throw new IllegalStateException("network namespaces need root and iproute2 (apt-get install iproute2)");
        }
        Assumptions.assumeTrue(root && ip, "network namespaces need root and iproute2");
        NetNamespace ns = new NetNamespace((int) (ProcessHandle.current().pid() % 120) + 1);
        ns.close(); // what an earlier run of this JVM's pid left behind
        String db = ns.databaseAddress;
        String dbIn = db.substring(0, db.length() - 1) + "2";
        String srv = ns.serverAddress;
        String srvOut = srv.substring(0, srv.length() - 1) + "1";
        ns.ip("netns", "add", ns.name);
        ns.ip("link", "add", ns.dbOutside, "type", "veth", "peer", "name", "db0", "netns", ns.name);
        ns.ip("link", "add", ns.clientsOutside, "type", "veth", "peer", "name", "cl0", "netns", ns.name);
        ns.ip("addr", "add", db + "/30", "dev", ns.dbOutside);
        ns.ip("addr", "add", srvOut + "/30", "dev", ns.clientsOutside);
        ns.ip("link", "set", ns.dbOutside, "up");
        ns.ip("link", "set", ns.clientsOutside, "up");
        ns.inside("addr", "add", dbIn + "/30", "dev", "db0");
        ns.inside("addr", "add", srv + "/30", "dev", "cl0");
        ns.inside("link", "set", "lo", "up");
        ns.inside("link", "set", "db0", "up");
        ns.inside("link", "set", "cl0", "up");
        return ns;
    }

    /** The command prefix that runs a process inside the namespace. */
    List<String> exec() {
        return List.of("ip", "netns", "exec", name);
    }

    /**
     * Cuts the database link on this host's side: the server in the namespace still has its address and route, its
     * packets are dropped without a word, as when a switch or a cable fails.
     */
    void cut() throws Exception {
        ip("link", "set", dbOutside, "down");
    }

    void restore() throws Exception {
        ip("link", "set", dbOutside, "up");
    }

    private void inside(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("netns", "exec", name, "ip"));
        cmd.addAll(List.of(args));
        ip(cmd.toArray(String[]::new));
    }

    private void ip(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out.trim());
        }
    }

    /** Deletes the namespace and its links (deleting one end of a veth deletes both); quiet if they are gone. */
    @Override
    public void close() throws Exception {
        for (List<String> cmd : List.of(List.of("ip", "link", "del", dbOutside), List.of("ip", "link", "del",
                clientsOutside), List.of("ip", "netns", "del", name))) {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
