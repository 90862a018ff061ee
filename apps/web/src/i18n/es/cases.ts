import type { cases as en } from '../en/cases';

/** Las palabras del área de casos, en español. */
export const cases: typeof en = {
  cases: {
    actions: 'Acciones',
    list: {
      title: 'Casos', open: 'Abrir un caso', empty: 'Todavía no hay casos. Abra uno aquí o convierta una pista en caso.', emptyFiltered: 'Ningún caso coincide con estos filtros. Cámbielos o bórrelos.',
      shown_one: '{{count}} caso mostrado', shown_other: '{{count}} casos mostrados',
    },
    filters: {
      label: 'Filtrar los casos', status: 'Estado', anyStatus: 'Cualquier estado', notClosed: 'No cerrados', type: 'Tipo', anyType: 'Cualquier tipo', county: 'Condado',
      scope: 'Principal o compartido', allCases: 'Dirigidos por nosotros o compartidos', leading: 'Dirigidos por mi agencia', shared: 'Compartidos con mi agencia', assignee: 'Asignado a',
      anyone: 'Cualquiera', me: 'Yo', someone: 'Otra persona', clear: 'Borrar los filtros',
    },
    col: { number: 'Número', title: 'Título', status: 'Estado', type: 'Tipo', counties: 'Condados', leadAgency: 'Agencia principal', access: 'Nuestro acceso', subjects: 'Sujetos', openTasks: 'Tareas abiertas', opened: 'Abierto' },
    field: {
      title: 'Título', titleHelp: 'De 3 a 200 caracteres. Describa el caso, no a una persona: el título lo ve toda agencia con la que se comparte.', type: 'Tipo de trata',
      venue: 'Lugar o sector', noVenue: 'Sin registrar', means: 'Medios de control observados', controlDetail: 'Cómo se ejerce el control', counties: 'Condados',
      countiesHelp: 'Elija o escriba un condado y pulse Intro.', summary: 'Resumen', state: 'Estado (dos letras)',
    },
    fieldName: {
      status: 'Estado', title: 'Título', summary: 'Resumen', traffickingType: 'Tipo', venue: 'Lugar o sector', meansOfControl: 'Medios de control', controlDetail: 'Cómo se ejerce el control',
      counties: 'Condados',
    },
    identifiers: {
      title: 'Identificadores', help: 'Teléfonos, direcciones, usuarios en línea, matrículas y personas (nombre completo y fecha de nacimiento). Cada uno se coteja con otras agencias al guardar.',
      kind: 'Clase', value: 'Valor', fullName: 'Nombre completo', birthDate: 'Fecha de nacimiento', add: 'Añadir un identificador', remove: 'Quitar', number: 'Identificador {{n}}',
      removeNumber: 'Quitar el identificador {{n}}', born: 'nacido/a el {{date}}',
    },
    new: { title: 'Abrir un caso', submit: 'Abrir el caso', assignToMe: 'Asignarme el caso' },
    detail: {
      title: 'Caso {{number}}', titleUnknown: 'Caso', backToList: 'Volver a los casos', tabs: 'Partes del caso', access: 'Nuestro acceso: {{access}}',
      readOnly: 'Su agencia lee este caso; no puede cambiarlo.',
    },
    tabs: {
      summary: 'Resumen', subjects: 'Sujetos', charges: 'Cargos', notes: 'Notas', tasks: 'Tareas', victims: 'Víctimas', shares: 'Participantes y accesos', referrals: 'Derivaciones',
      deconfliction: 'Desconflicción',
    },
    summary: {
      actions: 'Acciones del caso', edit: 'Editar el resumen', editTitle: 'Editar el caso', moveTo: 'Pasar a {{status}}', close: 'Cerrar el caso', closeTitle: 'Cerrar el caso {{number}}',
      closeHelp: 'Un caso se cierra como resuelto tras el juicio, o como infundado o por pruebas insuficientes en cualquier momento. Una vez cerrado ya no se puede cambiar.',
      closeAs: 'Cerrar como', reason: 'Motivo', closedReason: 'Por qué se cerró', leadAgency: 'Agencia principal', yourAccess: 'Nuestro acceso', assigned: 'Asignado a',
      assignedElsewhere_one: '{{count}} persona de la agencia principal (consulte a su contacto)', assignedElsewhere_other: '{{count}} personas de la agencia principal (consulte a su contacto)',
      opened: 'Abierto', updated: 'Último cambio',
      theirChanges: 'Su cambio, que ya se muestra en el caso: {{fields}}. Lo que usted escribió sigue aquí. Continúe desde su versión para guardar lo suyo encima (los campos que no tocó toman su valor).',
      theirOtherChanges: 'El caso cambió de otra forma (accesos o estado). Lo que usted escribió sigue aquí. Continúe desde la versión actual para guardarlo.',
      continue: 'Continuar desde su versión',
    },
    subjects: {
      add: 'Añadir un sujeto', addTitle: 'Añadir un sujeto', empty: 'Todavía no hay sujetos.', name: 'Nombre o alias', nameHelp: 'Como se conozca: un nombre, un alias o una descripción como «Conductor (Sienna gris)».',
      role: 'Papel', status: 'Estado', identifiers: 'Identificadores', addedBy: 'Añadido por', description: 'Descripción',
    },
    charges: {
      add: 'Añadir un cargo', addTitle: 'Imputar a un sujeto', addHelp: 'La resolución y la pena se registran en el cargo una vez añadido.', empty: 'Todavía no hay cargos.',
      noSubjects: 'Todavía no hay cargos. Añada primero el sujeto y luego impútelo.', subject: 'Sujeto', statute: 'Ley', chooseStatute: 'Elija una ley', counts: 'Cargos (número)',
      filedOn: 'Presentado el', disposition: 'Resolución', dispositionOn: 'Fecha de la resolución', dispositionOnHelp: 'Obligatoria para toda resolución que no sea pendiente.', sentence: 'Pena',
      sentenceHelp: 'Solo tras una condena o un acuerdo de culpabilidad.', recordedBy: 'Registrado por', update: 'Actualizar', updateOne: 'Actualizar {{statute}} contra {{subject}}',
      updateTitle: '{{statute}} contra {{subject}}', jurisdiction: { STATE: 'Leyes de Wyoming', FEDERAL: 'Leyes federales' },
    },
    notes: {
      new: 'Nota nueva', add: 'Añadir la nota', help: 'Las notas las ve toda agencia del caso y no se pueden editar ni borrar.', empty: 'No hay notas en este caso.',
      emptyCanAdd: 'Todavía no hay notas. Escriba la primera arriba.',
    },
    tasks: {
      add: 'Añadir una tarea', addTitle: 'Añadir una tarea', empty: 'No hay tareas en este caso.', task: 'Tarea', assignee: 'Asignada a', due: 'Vence el', agency: 'Agencia', state: 'Situación',
      open: 'Abierta', doneOn: 'Hecha el {{date}}', markDone: 'Marcar como hecha', markDoneOne: 'Marcar «{{title}}» como hecha', reopen: 'Reabrir', reopenOne: 'Reabrir «{{title}}»',
      nobody: 'Nadie todavía', me: 'Yo ({{name}})', assignedElsewhere: 'Alguien de esa agencia', otherAgency: 'Tarea de otra agencia',
    },
    victims: {
      help: 'Las víctimas se muestran solo por código. Quiénes son queda en la agencia que custodia el expediente.', code: 'Código', keptBy: 'Custodiado por',
      minor: 'Menor al ser explotada', type: 'Trata sufrida', yourAgency: 'Su agencia', empty: 'No hay víctimas vinculadas a este caso.',
      noneVisible: 'Hay víctimas vinculadas a este caso, pero ninguna es visible para su agencia.',
      more_one: '{{count}} víctima vinculada más no es visible para su agencia.', more_other: '{{count}} víctimas vinculadas más no son visibles para su agencia.',
    },
    shares: {
      lead: 'Agencia principal: {{agency}}. Solo ella edita el caso y decide quién participa.', agency: 'Agencia', access: 'Acceso', since: 'Desde', empty: 'El caso no se comparte con otra agencia.',
      emptyCanShare: 'El caso todavía no se comparte. Compártalo abajo.', shareTitle: 'Compartir con una agencia', chooseAgency: 'Elija una agencia', share: 'Compartir',
      help: 'Solo lectura: ve el caso, sus sujetos, cargos, notas y tareas. Colabora: además puede añadir sujetos, cargos, notas y tareas.',
      change: 'Cambiar a {{access}}', changeOne: 'Cambiar {{agency}} a {{access}}', revoke: 'Revocar', revokeOne: 'Revocar el acceso de {{agency}}',
      revokeTitle: '¿Revocar el acceso de {{agency}}?', revokeText: 'Dejará de ver este caso desde su próxima solicitud. Lo que añadió se queda en el caso.',
    },
    referrals: {
      send: 'Derivar el caso', sendTitle: 'Derivar el caso {{number}}', sendHelp: 'La agencia receptora ve un resumen (tipo, lugar, condados) hasta que acepta; al aceptar participa con el acceso ofrecido.',
      empty: 'No hay derivaciones de este caso.', direction: 'Sentido', OUTGOING: 'Enviada a', INCOMING: 'Recibida de', agency: 'Agencia', to: 'Derivar a', offered: 'Acceso ofrecido',
      urgency: 'Urgencia', status: 'Estado', sent: 'Enviada', respondBy: 'Responder antes de', reason: 'Motivo', overdue: 'Vencida',
    },
    urgency: { ROUTINE: 'Ordinaria', URGENT: 'Urgente', EMERGENCY: 'Emergencia' },
    referralStatus: { PENDING: 'Pendiente', ACCEPTED: 'Aceptada', DECLINED: 'Rechazada', WITHDRAWN: 'Retirada', EXPIRED: 'Caducada', COMPLETED: 'Completada' },
    deconfliction: {
      help: 'Si otra agencia trabaja el mismo teléfono, dirección, usuario, matrícula o persona, se le dice a quién llamar: nunca su expediente. Cada cotejo queda en el registro de auditoría.',
      identifier: 'Identificador', recordedOn: 'Registrado en', notices: 'Avisos a su agencia', check: 'Cotejo', checkAll: 'Cotejar todos con otras agencias', checking: 'Cotejando…',
      notChecked: 'Sin cotejar', noMatch: 'Ninguna otra agencia', noNotice: 'Ninguno', empty: 'Todavía no hay identificadores en este caso. Añádalos con un sujeto.',
      onCASE: 'El caso', onLEAD: 'La pista de origen', onSubject: 'Sujeto: {{name}}',
      matchTitle: 'Otra agencia trabaja un identificador que usted registró: llámela antes de actuar.', match: '{{agency}} trabaja este identificador ({{kind}}).',
    },
    v: {
      title: 'Entre 3 y 200 caracteres.', tooLong: 'Es demasiado largo.', unique: 'Cada uno una sola vez.', county: 'Un condado de 2 a 60 caracteres.', counties: 'Como mucho 23 condados.',
      state: 'Dos letras mayúsculas, como WY.', identifiers: 'Como mucho 50 identificadores.', identifierLength: 'Entre 2 y 300 caracteres.',
      phone: 'Un teléfono con prefijo de zona (p. ej. 307-555-0142), o + y el código del país.', address: 'Una dirección con número.', handle: 'Un usuario en línea sin espacios.',
      plate: 'Una matrícula de 2 a 10 letras o cifras.', person: 'Un nombre completo: nombre y apellido.', birthDate: 'Para una persona hace falta la fecha de nacimiento.',
      day: 'No es una fecha real.', future: 'No puede ser en el futuro.', reason: 'Entre 3 y 2000 caracteres.', counts: 'Un número entero de 1 a 500.',
      dispositionOn: 'Una resolución necesita su fecha.', sentence: 'La pena solo se registra tras una condena o un acuerdo de culpabilidad.', beforeFiled: 'No puede ser anterior a la presentación.',
    },
  },
};
