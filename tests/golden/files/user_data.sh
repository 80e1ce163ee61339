#!/bin/bash
# Filled in by templatefile(): ${app} and the stack name are variables.
echo "starting ${app} in stack ${stack}"
echo "home is $${HOME}, pid $$"
