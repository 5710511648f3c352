import { useEffect, useState } from 'react';
import { Flex, Typography } from 'antd';
import type { Department, Me, Office } from '@sifasuo/domain';
import { orgApi } from './api';

/** The header's part from org (in the account menu on a phone): the signed-in user's office and department. */
export default function UserUnit({ me }: { me: Me }) {
  const [office, setOffice] = useState<Office>();
  const [department, setDepartment] = useState<Department>();
  useEffect(() => {
    if (me.officeId) orgApi.office(me.officeId).then(setOffice).catch(() => undefined);
    if (me.departmentId) {
      orgApi
        .departments()
        .then((ds) => setDepartment(ds.find((d) => d.id === me.departmentId)))
        .catch(() => undefined);
    }
  }, [me.officeId, me.departmentId]);
  if (!office && !department) return null;
  return (
    <Flex wrap gap={8} style={{ minWidth: 0 }}>
      {office && <Typography.Text type="secondary" data-testid="header-office">{office.name}</Typography.Text>}
      {department && <Typography.Text type="secondary">{department.name}</Typography.Text>}
    </Flex>
  );
}
