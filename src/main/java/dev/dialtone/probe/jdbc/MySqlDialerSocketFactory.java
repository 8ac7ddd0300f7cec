package dev.dialtone.probe.jdbc;

import com.mysql.cj.conf.PropertySet;
import com.mysql.cj.protocol.StandardSocketFactory;
import dev.dialtone.probe.DialedSocket;
import dev.dialtone.probe.ProbeSession;
import java.net.Socket;

/** MySQL Connector/J's socket factory hook, routed through the test's dialer like all others. */
public final class MySqlDialerSocketFactory extends StandardSocketFactory {

    @Override
    protected Socket createSocket(PropertySet props) {
        return new DialedSocket(ProbeSession.current());
    }
}
