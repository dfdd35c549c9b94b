package org.stica.tests.fault;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;

/**
 * What every fault-injection test class shares: its own PostgreSQL cluster for the class (never
 * the shared one, so restarting it touches nothing else) and a fresh deployment per test, each
 * closed afterwards.
 */
abstract class FaultSuite {
    static PrivatePostgres pg;
    private static String className;
    CaDeployment ca;

    @BeforeAll
    static void startPostgres(TestInfo info) throws Exception {
        className = info.getTestClass().orElseThrow().getSimpleName();
        pg = PrivatePostgres.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (pg != null) {
            pg.close(className);
            pg = null;
        }
    }

    @AfterEach
    void closeDeployment() {
        if (ca != null) {
            ca.close();
        }
    }

    /** A fresh database and token named after the test, closed after it. */
    CaDeployment deploy(TestInfo test) throws Exception {
        ca = CaDeployment.create(pg, test.getTestMethod().orElseThrow().getName());
        return ca;
    }
}
