package org.guildhall.identity.control;


/** A request about an account that cannot be carried out; the message is for the user. */
public class AccountException extends RuntimeException {

    public AccountException(String message) {
        super(message);
    }
}
