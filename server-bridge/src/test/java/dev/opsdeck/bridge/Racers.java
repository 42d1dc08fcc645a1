package dev.opsdeck.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Clients that answer one sign-off at the same instant, each with its own words ({@link #decision}). */
final class Racers {

    private Racers() {
    }

    static String decision(int racer) {
        return "APPROVED by racer " + racer;
    }

    /** Releases every client's answer at once and returns when all are sent. */
    static void answerAtOnce(List<Recorder> clients, String channel) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                Recorder r = clients.get(i);
                String decision = decision(i);
                sent.add(pool.submit(() -> {
                    go.await();
                    r.answer(channel, decision);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : sent) {
                f.get(TestBridge.WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
    }
}
