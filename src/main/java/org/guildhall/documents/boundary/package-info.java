/** The documents section of a group, the document page, downloads, and the documents API. */
package org.guildhall.documents.boundary;
