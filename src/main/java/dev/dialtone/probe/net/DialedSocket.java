package dev.dialtone.probe.net;

import dev.dialtone.probe.Stage;
import dev.dialtone.probe.ProbeSession;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;

/**
 * A socket whose connect goes through the {@link Dialer}, and which notices the server's first
 * bytes (the end of HANDSHAKE). Created by the socket factories handed to drivers.
 */
public final class DialedSocket extends Socket {
    private final ProbeSession session;
    private InputStream input;

    public DialedSocket(ProbeSession session) {
        this.session = session;
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, 0);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        if (!(endpoint instanceof InetSocketAddress address)) {
            throw new IOException("only TCP addresses can be dialled");
        }
        session.dialer().connect(session, this, address, timeout);
        // A driver dialled: what follows is its protocol's greeting, until the server first answers.
        session.enter(Stage.HANDSHAKE);
    }

    void connectDirect(InetSocketAddress address, int timeout) throws IOException {
        super.connect(address, timeout);
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (input == null) {
            input = new FirstBytesInputStream(super.getInputStream());
        }
        return input;
    }

    private final class FirstBytesInputStream extends FilterInputStream {
        private boolean answered;

        FirstBytesInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int value = super.read();
            noticeAnswer(value >= 0);
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = super.read(buffer, offset, length);
            noticeAnswer(count > 0);
            return count;
        }

        private void noticeAnswer(boolean gotBytes) {
            if (gotBytes && !answered) {
                answered = true;
                session.serverAnswered();
            }
        }
    }
}
