/** The {@code @NAME@} token implementation: private to its bundle, registered as a service by its factory. */
package @PACKAGE@;
