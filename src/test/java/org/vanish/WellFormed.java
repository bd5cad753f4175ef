package org.vanish;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** Parses what Vanish writes as another tool would, for tests. */
public final class WellFormed {
    private WellFormed() {
    }

    /** text parsed as XML 1.0 (no network: the SVG DTD is not fetched); throws if it is not well-formed. */
    public static Document xml(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setValidating(false);
        var builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder.parse(new InputSource(new StringReader(text)));
    }
}
