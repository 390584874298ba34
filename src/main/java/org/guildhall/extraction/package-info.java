/** Turning stored versions into text and metadata with Tika, in forked JVMs; the job queue and its states. */
package org.guildhall.extraction;
