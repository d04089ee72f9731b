// A runtime file that includes grammar: the layering check must refuse it.
#include "model/model.hpp"
#include "grammar/loader.hpp"
