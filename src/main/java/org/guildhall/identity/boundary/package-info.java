/** Login, sign-up, the account page, account administration and the caller of a request. */
package org.guildhall.identity.boundary;
