import type { common as en } from '../en/common';

/** Las palabras comunes de la consola, en español. */
export const common: typeof en = {
  app: { title: 'Grupo de trabajo', skip: 'Saltar al contenido', loading: 'Cargando…', save: 'Guardar', cancel: 'Cancelar', close: 'Cerrar', retry: 'Intentar de nuevo', back: 'Volver', none: 'Ninguno', yes: 'Sí', no: 'No', more: 'Cargar más', search: 'Buscar', clear: 'Borrar', required: 'Obligatorio' },
  nav: { label: 'Áreas', home: 'Inicio', leads: 'Pistas', cases: 'Casos', victims: 'Sobrevivientes', referrals: 'Derivaciones', deadlines: 'Plazos', dashboard: 'Panel', users: 'Usuarios', agencies: 'Agencias', audit: 'Registro de auditoría', account: 'Mi cuenta' },
  shell: { notifications: 'Notificaciones', notificationsUnread_one: '{{count}} notificación sin leer', notificationsUnread_other: '{{count}} notificaciones sin leer', noNotifications: 'No hay notificaciones.', markRead: 'Marcar todas como leídas', language: 'Idioma', signOut: 'Cerrar sesión', signedInAs: 'Sesión de {{name}}', menu: 'Abrir navegación' },
  signIn: {
    title: 'Iniciar sesión', username: 'Usuario', password: 'Contraseña', submit: 'Entrar', totpTitle: 'Escriba su código', totpHelp: 'Abra su aplicación de autenticación y escriba el código de 6 dígitos de esta cuenta.',
    totp: 'Código de autenticación', verify: 'Verificar', startOver: 'Usar otra cuenta', demoHint: 'Demostración: todos los usuarios de demostración tienen la contraseña que se muestra al iniciar el servidor.',
    idle: 'Se cerró su sesión tras un tiempo sin actividad. Inicie sesión de nuevo para continuar.', ended: 'Su sesión terminó. Inicie sesión de nuevo.', signedOut: 'Ha cerrado la sesión.',
  },
  mfa: {
    enrolTitle: 'Configure el inicio de sesión en dos pasos', enrolHelp: 'Su agencia exige una aplicación de autenticación. Añada esta clave a la aplicación y escriba el código de 6 dígitos que muestra.',
    secret: 'Clave para la aplicación de autenticación', uri: 'Enlace de configuración', code: 'Código de la aplicación', confirm: 'Confirmar', done: 'El inicio de sesión en dos pasos está activado.', start: 'Configurar una aplicación de autenticación', enabled: 'El inicio de sesión en dos pasos está activado en esta cuenta.', disabled: 'El inicio de sesión en dos pasos está desactivado en esta cuenta.',
  },
  account: { title: 'Mi cuenta', agency: 'Agencia', roles: 'Funciones', password: 'Cambiar la contraseña', current: 'Contraseña actual', next: 'Contraseña nueva', again: 'Repita la contraseña nueva', mismatch: 'Las dos contraseñas nuevas no coinciden.', tooShort: 'Al menos 12 caracteres.', changed: 'Se cambió su contraseña; se cerraron sus otras sesiones.' },
  home: { title: 'Bienvenido/a, {{name}}', intro: 'Lo que le espera hoy.', nothing: 'No tiene nada pendiente.' },
  roles: { INVESTIGATOR: 'Investigador/a', VICTIM_ADVOCATE: 'Defensor/a de víctimas', PROSECUTOR: 'Fiscal', SUPERVISOR: 'Supervisor/a', AGENCY_ADMIN: 'Administrador/a de la agencia', AUDITOR: 'Auditor/a', TASK_FORCE_COORDINATOR: 'Coordinador/a del grupo de trabajo', TASK_FORCE_ADMIN: 'Administrador/a del grupo de trabajo' },
  errors: {
    BAD_USER_INPUT: 'Revise lo que escribió.', UNAUTHENTICATED: 'No ha iniciado sesión o su sesión terminó.', FORBIDDEN: 'No tiene acceso para hacer esto.',
    NOT_FOUND: 'No se encontró, o no tiene acceso.', CONFLICT: 'Alguien cambió este registro desde que lo abrió: vuelva a cargarlo para ver su cambio y haga el suyo de nuevo.',
    RATE_LIMITED: 'Demasiados intentos. Espere un momento e inténtelo de nuevo.', INTERNAL: 'Algo salió mal de nuestro lado. Quedó registrado; inténtelo de nuevo.',
    NETWORK: 'No se pudo contactar con el servidor. Revise su conexión e inténtelo de nuevo.', BAD_REQUEST: 'No se entendió la solicitud.',
    PERSISTED_QUERY_NOT_FOUND: 'No se entendió la solicitud.', PERSISTED_QUERY_NOT_SUPPORTED: 'No se entendió la solicitud.',
  },
};
