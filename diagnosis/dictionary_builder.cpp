#include "dictionary_builder.h"

#include "fork_pool.h"
#include "model_version.h"

#include <cstring>
#include <memory>
#include <stdexcept>

namespace bcmhil::diagnosis {

namespace {

// A reading crosses the pipe as its bytes: the raw double bit for bit (NaN included), then the class.
std::string encode(const Reading& r) {
  std::string bytes(sizeof r.raw + sizeof r.outcome, '\0');
  std::memcpy(bytes.data(), &r.raw, sizeof r.raw);
  std::memcpy(bytes.data() + sizeof r.raw, &r.outcome, sizeof r.outcome);
  return bytes;
}

}  // namespace

std::string encode_readings(const std::vector<Reading>& readings) {
  std::string bytes;
  for (const auto& r : readings) bytes += encode(r);
  return bytes;
}

std::vector<Reading> decode_readings(const std::string& bytes, std::size_t count) {
  constexpr std::size_t size = sizeof(double) + sizeof(int);
  if (bytes.size() != count * size)
    throw ChildFailed("a variant process sent " + std::to_string(bytes.size()) + " bytes for " +
                      std::to_string(count) + " readings");
  std::vector<Reading> readings(count);
  for (std::size_t i = 0; i < count; ++i) {
    std::memcpy(&readings[i].raw, bytes.data() + i * size, sizeof(double));
    std::memcpy(&readings[i].outcome, bytes.data() + i * size + sizeof(double), sizeof(int));
  }
  return readings;
}

CarUnderTest car_of(const VariantCar& car) {
  CarUnderTest c;
  c.faults = car.faults;
  c.examine_at = car.examine_at;
  return c;
}

std::vector<Reading> readings_by_fork(const CarUnderTest& car, const std::vector<CatalogueTest>& tests) {
  std::unique_ptr<Workshop> workshop;
  try {
    workshop = std::make_unique<Workshop>(car);
  } catch (const scenario::ScenarioError& e) {  // a fault the model rejects: the variants file's line
    throw std::invalid_argument(e.what());
  }
  workshop->bring_in();
  std::vector<Reading> readings;
  for (const auto& test : tests) {
    try {
      readings.push_back(decode_readings(in_child([&] { return encode(workshop->perform(test)); }), 1).front());
    } catch (const ChildRejectedInput& e) {
      throw std::invalid_argument("test " + test.id + ": " + e.what());
    } catch (const ChildFailed& e) {
      throw ChildFailed("test " + test.id + ": " + e.what());
    }
  }
  return readings;
}

Dictionary build_dictionary(const Catalogue& catalogue, const VariantsFile& variants, const BuildOptions& options) {
  Dictionary d;
  d.model_version = model_version();
  d.catalogue_sha256 = catalogue.sha256;
  d.variants_sha256 = variants.sha256;
  d.shard_index = options.shard.index;
  d.shard_count = options.shard.count;
  for (const auto& test : catalogue.tests) d.tests.push_back(test.info());
  d.candidates = variants.candidates;

  const auto owned = options.shard.owned(variants.cars.size());
  std::vector<std::vector<Reading>> readings(owned.size());
  std::size_t done = 0;
  in_children(
      owned.size(), options.jobs,
      [&](std::size_t k) {
        const auto& car = variants.cars[owned[k]];
        try {
          return encode_readings(readings_by_fork(car_of(car), catalogue.tests));
        } catch (const std::invalid_argument& e) {
          throw std::invalid_argument("variant " + car.variant.id + ": " + e.what());
        } catch (const std::exception& e) {
          throw ChildFailed("variant " + car.variant.id + ": " + e.what());
        }
      },
      [&](std::size_t k, std::string bytes) {
        readings[k] = decode_readings(bytes, catalogue.tests.size());
        if (options.progress) options.progress(++done, owned.size(), variants.cars[owned[k]].variant.id);
      });
  for (std::size_t k = 0; k < owned.size(); ++k) {
    d.variants.push_back(variants.cars[owned[k]].variant);
    d.readings.push_back(std::move(readings[k]));
  }
  return d;
}

}  // namespace bcmhil::diagnosis
