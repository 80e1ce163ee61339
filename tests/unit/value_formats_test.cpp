// Tests for the format checks of literal values (compiler/sema/value_formats.h).
#include "sema/value_formats.h"

#include <string>

#include <catch2/catch.hpp>

using infrac::catalog::Shape;
using infrac::sema::check_formats;

namespace {

Shape with_formats(std::vector<std::string> formats) {
  Shape s;
  s.formats = std::move(formats);
  return s;
}

bool passes(const std::string& text, const std::string& format) { return !check_formats(text, with_formats({format})); }

std::string help(const std::string& text, const std::string& format) {
  auto f = check_formats(text, with_formats({format}));
  REQUIRE(f.has_value());
  return f->help;
}

}  // namespace

TEST_CASE("formats: AWS IDs against cfn-lint's patterns", "[formats]") {
  CHECK(passes("vpc-0123abcd", "AWS::EC2::VPC.Id"));
  CHECK(passes("vpc-0123456789abcdef0", "AWS::EC2::VPC.Id"));
  CHECK_FALSE(passes("main-vpc", "AWS::EC2::VPC.Id"));
  CHECK_FALSE(passes("vpc-0123abc", "AWS::EC2::VPC.Id"));  // 7 digits
  CHECK(passes("subnet-0123abcd", "AWS::EC2::Subnet.Id"));
  CHECK_FALSE(passes("abc", "AWS::EC2::Subnet.Id"));
  CHECK_FALSE(passes("ubuntu", "AWS::EC2::Image.Id"));
  CHECK(passes("resolve:ssm:/aws/service/ami", "AWS::EC2::Image.Id"));  // cfn-lint lets it through
  CHECK(passes("", "AWS::S3::Bucket.Name"));
  CHECK(passes("{{resolve:ssm:/vpc/id}}", "AWS::EC2::VPC.Id"));  // dynamic reference
  CHECK(passes("arn:aws:iam::123456789012:role/app", "AWS::IAM::Role.Arn"));
  CHECK_FALSE(passes("app", "AWS::IAM::Role.Arn"));
  // A format not known here passes.
  CHECK(passes("anything", "AWS::Made::Up.Id"));
  CHECK(passes("anything", "json"));
}

TEST_CASE("formats: a value of any of several formats passes", "[formats]") {
  Shape kms = with_formats({"AWS::KMS::Key.Arn", "AWS::KMS::Key.Id", "AWS::KMS::Alias.AliasName"});
  CHECK_FALSE(check_formats("alias/aws/sqs", kms));
  CHECK_FALSE(check_formats("0123abcd-0123-0123-0123-0123456789ab", kms));
  auto f = check_formats("jobs key", kms);
  REQUIRE(f);
  CHECK(f->want == "the ARN of an `AWS::KMS::Key`, the ID of an `AWS::KMS::Key` or the alias name of an `AWS::KMS::Alias`");
  // One unknown alternative lets anything through.
  CHECK_FALSE(check_formats("jobs key", with_formats({"AWS::KMS::Key.Arn", "json"})));
}

TEST_CASE("formats: IPv4 networks as Python's ipaddress reads them", "[formats]") {
  CHECK(passes("10.0.0.0/16", "ipv4-network"));
  CHECK(passes("0.0.0.0/0", "ipv4-network"));
  CHECK(passes("10.0.0.7", "ipv4-network"));      // one host, /32
  CHECK(passes("10.0.0.0/016", "ipv4-network"));  // the prefix is read as a number
  CHECK(passes("10.0.0.0/255.255.0.0", "ipv4-network"));
  CHECK(help("10.0.0.1/16", "ipv4-network") == "the host bits must be zero: the network is `10.0.0.0/16`");
  CHECK(help("192.168.1.130/25", "ipv4-network") == "the host bits must be zero: the network is `192.168.1.128/25`");
  CHECK(help("10.0.0.0/33", "ipv4-network") == "an IPv4 prefix length is 0 to 32");
  CHECK(help("10.0.0.0/16 ", "ipv4-network") == "remove the spaces");
  CHECK_FALSE(passes("10.0.0.0/", "ipv4-network"));
  CHECK_FALSE(passes("10.0.0/16", "ipv4-network"));
  CHECK_FALSE(passes("10.0.0.256/32", "ipv4-network"));
  CHECK_FALSE(passes("010.0.0.0/8", "ipv4-network"));  // leading zero
  CHECK_FALSE(passes("10.0.0.0/16/1", "ipv4-network"));
  CHECK(passes("10.0.0.1", "ipv4"));
  CHECK_FALSE(passes("10.0.0.0/16", "ipv4"));
}

TEST_CASE("formats: IPv6 networks", "[formats]") {
  CHECK(passes("2001:db8::/32", "ipv6-network"));
  CHECK(passes("::/0", "ipv6-network"));
  CHECK(passes("2001:db8:0:1::/64", "ipv6-network"));
  CHECK(passes("::ffff:10.0.0.0/120", "ipv6-network"));
  CHECK(help("2001:db8:0:1::1/64", "ipv6-network") == "the host bits must be zero: the network is `2001:db8:0:1::/64`");
  CHECK(help("2001:db8::/129", "ipv6-network") == "an IPv6 prefix length is 0 to 128");
  CHECK_FALSE(passes("2001:db8:::/32", "ipv6-network"));
  CHECK_FALSE(passes("2001:db8::g/128", "ipv6-network"));
  CHECK_FALSE(passes("1:2:3:4:5:6:7:8:9", "ipv6"));
  CHECK(passes("1:2:3:4:5:6:7::", "ipv6"));
  CHECK(passes("fe80::1", "ipv6"));
}
