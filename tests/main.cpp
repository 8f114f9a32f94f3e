// Catch2's main for the native unit tests (tests/test_<concept>.cpp).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
