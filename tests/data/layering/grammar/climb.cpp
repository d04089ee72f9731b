// A grammar file that climbs out of its directory: refused too.
#include "../runtime/engine.hpp"
