/** The {@code @NAME@} pageout policy: private to its bundle, registered as a service by its factory. */
package @PACKAGE@;
