/** What the outside asks of extraction: the text a version yielded. */
package org.guildhall.extraction.boundary;
