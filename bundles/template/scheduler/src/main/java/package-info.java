/** The {@code @NAME@} user scheduler: private to its bundle, registered as a service by its factory. */
package @PACKAGE@;
