/** Extraction in forked JVMs through Tika's pipes, so that a parser's crash, hang or memory blow-up costs one document and never the server. */
package org.guildhall.extraction.control;
