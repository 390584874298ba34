package org.guildhall.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {

    /** An IOException as Payara throws it when the client's body stops arriving. */
    static IOException fromTheInputBuffer(Throwable cause) {
        IOException failure = new IOException(cause);
        failure.setStackTrace(new StackTraceElement[]{
            new StackTraceElement("org.apache.catalina.connector.InputBuffer", "read", "InputBuffer.java", 231),
            new StackTraceElement("org.jvnet.mimepull.MIMEParser", "fillBuf", "MIMEParser.java", 416)});
        return failure;
    }

    @Test
    void aStalledUploadIsTheClientsTimeoutNotAServerError() {
        assertEquals(408, ApiErrors.clientFailureStatus(fromTheInputBuffer(new TimeoutException())));
    }

    @Test
    void aClientThatHungUpMidRequestIsABadRequest() {
        assertEquals(400, ApiErrors.clientFailureStatus(fromTheInputBuffer(new EOFException())));
    }

    @Test
    void anIOExceptionOfTheServersOwnIsStillAServerError() {
        assertEquals(0, ApiErrors.clientFailureStatus(new IOException("No space left on device")));
        assertEquals(0, ApiErrors.clientFailureStatus(new IllegalStateException(fromTheInputBuffer(new TimeoutException()))));
    }
}
