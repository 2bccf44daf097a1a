// Every file of this test target sees the shared test paths.
@_exported import SamlaTestSupport
