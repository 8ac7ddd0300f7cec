package dev.dialtone.probe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import javax.net.SocketFactory;
import org.junit.jupiter.api.Test;
import org.postgresql.util.ObjectFactory;

/** pgjdbc makes Dialtone's socket factories by class name for every connection, through its ObjectFactory. */
class DialerSocketFactoryTest {

    @Test
    void pgjdbcFindsTheConstructorItTriesFirst() throws Exception {
        // pgjdbc asks for (Properties) first, then (String), then (): each miss is a NoSuchMethodException per test.
        assertThat(DialerSocketFactory.class.getConstructor(Properties.class)).isNotNull();
        assertThat(DialtoneSslSocketFactory.class.getConstructor(Properties.class)).isNotNull();
        assertThat(ObjectFactory.instantiate(SocketFactory.class, DialerSocketFactory.class.getName(), new Properties(),
                true, null)).isInstanceOf(DialerSocketFactory.class);
    }
}
