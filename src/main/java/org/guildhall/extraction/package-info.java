/** Turning a stored version into text and metadata with Tika, out of process; the job queue and its states. */
package org.guildhall.extraction;
