// Brings the @sa11y/jest matcher (toBeAccessible) into the LWC tests' types.
/// <reference types="@sa11y/jest" />
