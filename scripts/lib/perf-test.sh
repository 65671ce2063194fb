# shellcheck shell=bash
# RabbitMQ PerfTest, fetched once into target/bench/ (git-ignored) and run from there.
# Sourced by scripts/bench, which has run `scripts/dev-services bench` (JDK, Maven and the
# benchmark tools checked or installed) first; expects $root (the repository) to be set.
#
# Maven Central carries only PerfTest's thin jar (the runnable uber jar is a release
# download we cannot reach here), so a throwaway pom pulls it in with its runtime
# dependencies through Maven itself, which already knows the way to the registry.

PERF_TEST_VERSION=2.22.1 # newest 2.x that resolves here; 2.23.0 does not

perf_test_dir() { echo "${root:?}/target/bench/perf-test-$PERF_TEST_VERSION"; }

# Prints a java class path for PerfTest, downloading it on first use only.
perf_test_classpath() {
  local dir lib
  dir=$(perf_test_dir)
  lib=$dir/lib
  if [[ ! -f $lib/perf-test-$PERF_TEST_VERSION.jar ]]; then
    echo "fetching RabbitMQ PerfTest $PERF_TEST_VERSION (first use only)" >&2
    mkdir -p "$dir"
    cat >"$dir/pom.xml" <<POM
<project>
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.bench</groupId>
  <artifactId>perf-test-runtime</artifactId>
  <version>0</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>com.rabbitmq</groupId>
      <artifactId>perf-test</artifactId>
      <version>$PERF_TEST_VERSION</version>
    </dependency>
  </dependencies>
</project>
POM
    # into a scratch directory first, so an interrupted download is never taken for a complete one
    rm -rf "$lib.partial"
    # the plugin version is pinned so the result does not depend on the Maven install;
    # Maven's output is shown only when it fails (it prints its errors on stdout)
    local out
    if ! out=$(mvn -B -q -ntp -f "$dir/pom.xml" \
      org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$lib.partial" 2>&1); then
      echo "$out" >&2
      echo "could not fetch PerfTest $PERF_TEST_VERSION from Maven Central" >&2
      return 1
    fi
    rm -rf "$lib"
    mv "$lib.partial" "$lib"
  fi
  echo "$lib/*"
}
