package dev.dialtone.aws;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * At most a few AWS clients, one per region, shared by every test: a caller names the region (in a
 * secret's ARN), so an unbounded map would let anyone fill the heap with clients. The least recently used
 * one is closed when a new region needs a place — once the calls it is serving have ended — and a name
 * that is not shaped like a region is refused before any client is built.
 */
public final class RegionalClients<C extends SdkAutoCloseable> implements AutoCloseable {
    /** us-east-1, us-gov-west-1, us-isob-east-1, eusc-de-east-1, ap-southeast-5 ... */
    private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]{2,5})?-[a-z]{2,12}-\\d{1,2}");

    private final int capacity;
    private final Function<Region, C> build;
    private final LinkedHashMap<Region, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private int live;
    private boolean closed;

    public RegionalClients(int capacity, Function<Region, C> build) {
        this.capacity = capacity;
        this.build = build;
    }

    /** Whether {@code region} is shaped like an AWS region name. */
    public static boolean regionShaped(String region) {
        return region.length() <= 32 && REGION.matcher(region).matches();
    }

    /** The client for {@code region}, held until the lease is closed. */
    public synchronized Lease lease(Region region) {
        if (closed) {
            throw new IllegalStateException("the AWS clients are closed");
        }
        Entry entry = entries.get(region);
        if (entry == null) {
            entry = new Entry(build.apply(region));
            live++;
            entries.put(region, entry);
            evictBeyondCapacity();
        }
        entry.users++;
        return new Lease(entry);
    }

    /** Clients built and not yet closed (evicted ones still serving a call included). */
    public synchronized int live() {
        return live;
    }

    private void evictBeyondCapacity() {
        Iterator<Map.Entry<Region, Entry>> eldest = entries.entrySet().iterator();
        while (entries.size() > capacity && eldest.hasNext()) {
            Entry entry = eldest.next().getValue();
            eldest.remove();
            entry.evicted = true;
            closeIfIdle(entry);
        }
    }

    private void closeIfIdle(Entry entry) {
        if (entry.evicted && entry.users == 0 && !entry.closed) {
            entry.closed = true;
            live--;
            entry.client.close();
        }
    }

    private synchronized void release(Entry entry) {
        entry.users--;
        closeIfIdle(entry);
    }

    @Override
    public synchronized void close() {
        closed = true;
        entries.values().forEach(entry -> entry.evicted = true);
        entries.values().forEach(this::closeIfIdle);
        entries.clear();
    }

    private final class Entry {
        final C client;
        int users;
        boolean evicted;
        boolean closed;

        Entry(C client) {
            this.client = client;
        }
    }

    /** One use of a client; closing it lets an evicted client go. */
    public final class Lease implements AutoCloseable {
        private final Entry entry;
        private boolean released;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        public C client() {
            return entry.client;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                release(entry);
            }
        }
    }
}
