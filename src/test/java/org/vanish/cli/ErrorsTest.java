package org.vanish.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ErrorsTest {
    @Test
    void anOutOfMemoryErrorFromThePoolIsTheOutOfMemoryLineNotAnInternalError() throws Exception {
        // as 'export' of a run too large for -Xmx64m delivered it: the pool's CompletionException around the error
        for (Exception wrapped : new Exception[] {new CompletionException(new OutOfMemoryError("Java heap space")),
            new ExecutionException(new CompletionException(new OutOfMemoryError("Java heap space")))}) {
            StringWriter err = new StringWriter();
            CommandLine cl = new CommandLine(new VanishCli());
            cl.setErr(new PrintWriter(err, true));
            assertEquals(1, new Errors().handleExecutionException(wrapped, cl, null));
            assertEquals("vanish: out of memory: the run is too large for this JVM (raise -Xmx or lower the sizes)",
                    err.toString().strip());
        }
    }
}
