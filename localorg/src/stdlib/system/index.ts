/**
 * System, Assert, Test, Limits, UserInfo, Trigger, Request, Type, built-in enums and interfaces,
 * SObject methods, DmlException accessors and the Database entry points (delegated to the
 * platform): one file per class family.
 */
import type { BuiltinClass } from '../../runtime/builtins.js';
import { enumsClasses } from './enums.js';
import { assertClasses } from './assert.js';
import { systemClassDefs } from './system.js';
import { testClasses } from './test.js';
import { limitsClasses } from './limits.js';
import { userClasses } from './user.js';
import { triggerClasses } from './trigger.js';
import { requestClasses } from './request.js';
import { typeClasses } from './type.js';
import { databaseClasses } from './database.js';
import { sobjectClasses } from './sobject.js';
import { dmlExceptionClasses } from './dml-exception.js';

// In the order they were always registered: a later class's name or alias wins.
export const systemClasses: readonly BuiltinClass[] = [
  ...enumsClasses,
  ...assertClasses,
  ...systemClassDefs,
  ...testClasses,
  ...limitsClasses,
  ...userClasses,
  ...triggerClasses,
  ...requestClasses,
  ...typeClasses,
  ...databaseClasses,
  ...sobjectClasses,
  ...dmlExceptionClasses
];
