/** What the outside asks of extraction: the text a version yielded, and (administrators) what the server carries meanwhile. */
package org.guildhall.extraction.boundary;
