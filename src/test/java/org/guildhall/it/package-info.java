/** Integration tests: the real WAR on a real Payara Micro, driven over HTTP and through a browser. */
package org.guildhall.it;
