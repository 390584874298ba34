/** Extraction jobs and the text they produced. */
package org.guildhall.extraction.entity;
